import base64
import gzip
import hashlib
import logging
import re
import time
import uuid

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_vary_headers

from . import media, stylesheet
from .admin_language import admin_language
from .operations.errors import (
    bad_request,
    is_database_unavailable,
    service_unavailable,
    uri_too_long,
)
from .operations.log_format import request_id_var

access_log = logging.getLogger("assembly.access")

REQUEST_ID_HEADER = "X-Request-ID"
# A request id from the proxy is kept only when it cannot smuggle anything into a log line.
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")

ALLOWED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
MAX_PATH_LENGTH = 2048
# Long enough for a 10,000-letter Cyrillic search (cut later by the view), short of abuse.
MAX_QUERY_LENGTH = 64 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")
_IMPORT_MAP = re.compile(
    r"<script\b[^>]*\btype=[\"']importmap[\"'][^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class RequestIdMiddleware:
    """Tags the request, every log line it causes and its response with one id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class StoredPage(HttpResponse):
    """A page from the cache, gzip-compressed until something reads its content.

    PublicPageGZipMiddleware (below) sends ``gzipped_content`` as stored to a reader who
    accepts gzip.
    """

    def __init__(self, gzipped_content, **kwargs):
        super().__init__(**kwargs)
        self.gzipped_content, self._compressed = gzipped_content, True

    @property
    def content(self):
        if self._compressed:
            self.content = gzip.decompress(self.gzipped_content)
        return HttpResponse.content.fget(self)

    @content.setter
    def content(self, value):
        self._compressed = False
        HttpResponse.content.fset(self, value)

    def __iter__(self):
        return iter([self.content])


class PublicPageGZipMiddleware(GZipMiddleware):
    """Compresses text only where the page holds no secret (BREACH, see
    docs/security-and-operations.md).

    Nothing is compressed for a reader who is signed in or has a session, nor a response that
    sets a cookie (a CSRF token) or varies on cookies, nor anything under /admin/. Static
    files come compressed from whitenoise; images are compressed already.
    """

    COMPRESSIBLE_TYPES = (
        "text/",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/json",
    )

    def process_response(self, request, response):
        if not self.holds_no_secret(request, response):
            return response
        gzipped = getattr(response, "gzipped_content", None)
        accepts = re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        plain = gzipped and int(response.get("Content-Length") or len(response.content))
        if gzipped is None or not accepts or len(gzipped) >= plain:
            return super().process_response(request, response)
        # A page from the page cache comes compressed already (assembly/cache.py): it is
        # sent as stored, as GZipMiddleware would send it, without compressing it again.
        patch_vary_headers(response, ("Accept-Encoding",))
        response.content = gzipped
        response.headers["Content-Length"] = str(len(gzipped))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response

    def holds_no_secret(self, request, response):
        content_type = response.get("Content-Type", "").lower()
        if response.streaming or not content_type.startswith(self.COMPRESSIBLE_TYPES):
            return False
        skipped = ("/admin/", settings.STATIC_URL, settings.MEDIA_URL)
        if request.path_info.startswith(skipped):
            return False
        if response.cookies or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        if "cookie" in vary:
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated


class RejectHostileInputMiddleware:
    """Refuses requests no page can mean, before any view or database sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        query = request.META.get("QUERY_STRING", "")
        if len(request.path) > MAX_PATH_LENGTH or len(query) > MAX_QUERY_LENGTH:
            return uri_too_long(request)
        if self._has_forbidden_characters(request.path_info) or "%00" in query:
            return bad_request(request)
        for key, values in request.GET.lists():
            if any(self._has_forbidden_characters(text) for text in (key, *values)):
                return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _has_forbidden_characters(text):
        return "\x00" in text or _SURROGATE.search(text) is not None


class SecurityHeadersMiddleware:
    """Headers Django has no setting for, and a lock-down of uploaded files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if settings.MEDIA_URL and request.path.startswith(settings.MEDIA_URL):
            media.lock_down(response)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, relaxed for the site's own stylesheet and the admin's rich-text editor.

    Public pages carry site.css in a <style> element (assembly/stylesheet.py), allowed by the
    hash of that exact text. tiptap (django-prose-editor) injects a <style> element, and the
    editor's modules are found through an inline <script type="importmap">: the admin allows
    inline styles, and that exact import map by its hash. Inline scripts stay forbidden
    everywhere.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        match = getattr(request, "resolver_match", None)
        if match is None or match.app_name != "admin":
            # A cached page never reaches the resolver: no match is a public page.
            parts.update = {**(parts.update or {}), "style-src": [stylesheet.site_css_source()]}
            return parts
        update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        hashes = self.import_map_hashes(response)
        if hashes:
            update["script-src"] = hashes
        parts.update = update
        return parts

    @staticmethod
    def import_map_hashes(response):
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith("text/html"):
            return []
        html = response.content.decode(response.charset or "utf-8", errors="replace")
        hashes = []
        for body in _IMPORT_MAP.findall(html):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
        return hashes


class AdminLanguageMiddleware:
    """The admin in the editor's chosen language, else Kazakh; never the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            language = admin_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with Retry-After, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return service_unavailable(request, exception)
        return None
