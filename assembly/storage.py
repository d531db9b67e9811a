import contextlib
import logging
import os
import shutil

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Room kept free beside an upload, so the database, logs and thumbnails can still be written.
FREE_SPACE_RESERVE = 50 * 1024 * 1024


class SafeFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that never leaves half a file behind when a write fails."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError:
            logger.exception("Media: could not write an upload")
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise


def check_media_storage(file):
    """Form-time check that an upload can be written at all: a clear error, not a 500."""
    root = settings.MEDIA_ROOT
    try:
        os.makedirs(root, exist_ok=True)
        writable = os.access(root, os.W_OK | os.X_OK)
        free = shutil.disk_usage(root).free
    except OSError:
        writable, free = False, 0
    size = getattr(file, "size", None) or 0
    if not writable or free < size + FREE_SPACE_RESERVE:
        logger.error("Media: upload refused, folder not writable or disk full")
        raise ValidationError(
            _(
                "The file could not be saved: the server's storage is full or cannot be "
                "written to. Nothing was saved. Please tell the site administrator."
            ),
            code="media_unavailable",
        )
