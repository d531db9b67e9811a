import hashlib
import hmac
import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings

request_id_var = ContextVar("request_id", default="-")

# Values after these names are replaced wherever they show up in a message.
_SECRET_PATTERN = re.compile(
    r"(?i)\b(password\d?|passwd|secret(?:_key)?|token|api_key|csrfmiddlewaretoken|csrftoken"
    r"|sessionid|authorization|cookie)\b(\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|[^\s&;,]+)"
)
_SAFE_EXTRAS = ("method", "path", "status", "duration_ms")


def redact(text):
    return _SECRET_PATTERN.sub(r"\1\2[redacted]", text)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        # django.request logs 4xx/5xx after the middleware has finished, with the request.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line. Request objects, cookies and query strings are never written."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
            "message": redact(record.getMessage()),
        }
        for key in _SAFE_EXTRAS:
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        status = getattr(record, "status_code", None)
        if status is not None:
            entry.setdefault("status", status)
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A line a person reads in `make run`: local time, level, logger, message, request id."""

    def format(self, record):
        time = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        line = f"{time} {record.levelname:<7} {record.name}: {redact(record.getMessage())}"
        duration = getattr(record, "duration_ms", None)
        if duration is not None:
            line += f" ({duration} ms)"
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id != "-":
            line += f" [{request_id[:8]}]"
        if record.exc_info:
            line += "\n" + redact(self.formatException(record.exc_info))
        return line


def axes_client_str(username, ip_address, user_agent, path_info, request):
    """How django-axes names a client in the log: a pseudonym, not a name or an address."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{username}|{ip_address}".encode(), hashlib.sha256
    ).hexdigest()[:12]
    return f"client={digest} path={path_info}"
