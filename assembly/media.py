"""Uploaded media: the headers every file under MEDIA_URL carries, and the app serving the
files itself, for `make serve` on one machine.

Uploads (and easy-thumbnails renditions) appear after the server started, so whitenoise,
which indexes files at start-up, cannot serve them. In production a reverse proxy or object
storage serves /media/ instead (docs/deploy.md) and SERVE_MEDIA is off.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

# Upload names are random (assembly/models/images.py), so a file never changes under its name:
# browsers may keep it a year without asking again.
MAX_AGE = 60 * 60 * 24 * 365
# Formats a browser shows inline without running anything; everything else is downloaded.
# The nginx block in docs/deploy.md lists their extensions (a test compares the two).
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"})
SANDBOX = "sandbox; default-src 'none'"


def lock_down(response):
    """Sets the headers of a response under MEDIA_URL, whatever the file holds.

    An upload must never run as a page of this site: no script runs in it (a sandbox), the
    browser takes the declared type (nosniff), and anything but a plain image is a download.
    Called for every such response by ``SecurityHeadersMiddleware``, error pages included.
    """
    response["Content-Security-Policy"] = SANDBOX
    response["X-Content-Type-Options"] = "nosniff"
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if response.status_code == 200 and content_type not in INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    return response


def serve_media(request, path):
    # The lock-down headers are added by the middleware, as for media served any other way.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
    return response


def media_urlpatterns():
    prefix = settings.MEDIA_URL.lstrip("/")
    if not settings.SERVE_MEDIA or not prefix or "://" in settings.MEDIA_URL:
        return []
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]
