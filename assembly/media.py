"""Uploaded media served by the app itself, for `make serve` on one machine.

Uploads (and easy-thumbnails renditions) appear after the server started, so whitenoise,
which indexes files at start-up, cannot serve them. In production a reverse proxy or object
storage serves /media/ instead (docs/deploy.md) and SERVE_MEDIA is off.
"""

import mimetypes

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

# Upload names are random (assembly/models/images.py), so a file never changes under its name:
# browsers may keep it a year without asking again.
MAX_AGE = 60 * 60 * 24 * 365
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
    if content_type not in INLINE_TYPES:
        # Anything but a plain image is a download that can run no script on this origin.
        response["Content-Disposition"] = "attachment"
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def media_urlpatterns():
    prefix = settings.MEDIA_URL.lstrip("/")
    if not settings.SERVE_MEDIA or not prefix or "://" in settings.MEDIA_URL:
        return []
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")]
