import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

from .log_format import request_id_var

logger = logging.getLogger("assembly.errors")

RETRY_AFTER_SECONDS = 120


def is_database_unavailable(exception):
    if isinstance(exception, OperationalError | InterfaceError):
        return True
    return isinstance(exception, DatabaseError) and "could not connect" in str(exception).lower()


def _error_response(request, template_name, status, **context):
    # Rendered without a request context: context processors may reach the database.
    lang = translation.get_language_from_request(request, check_path=True)
    request_id = getattr(request, "request_id", None) or request_id_var.get()
    with translation.override(lang):
        body = loader.render_to_string(template_name, {"request_id": request_id, **context})
    response = HttpResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def service_unavailable(request, exception=None):
    logger.error(
        "Database unavailable: %s",
        type(exception).__name__ if exception else "unknown",
        extra={"path": request.path, "status": 503},
    )
    response = _error_response(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    return _error_response(request, "400.html", 400)


def uri_too_long(request):
    return _error_response(request, "400.html", 414, too_long=True)


def page_not_found(request, exception):
    from assembly.views.not_found import page_not_found as not_found_page

    response = not_found_page(request)
    if response is None:
        response = _error_response(request, "404_offline.html", 404, request_id=None)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    # Errors raised outside a view (in a middleware) come here, a lost database among them.
    exception = sys.exc_info()[1]
    if exception is not None and is_database_unavailable(exception):
        response = _error_response(request, "503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _error_response(request, "500.html", 500)
