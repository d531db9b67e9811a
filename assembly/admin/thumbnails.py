import logging

from django.utils.html import format_html
from easy_thumbnails.exceptions import EasyThumbnailsError
from easy_thumbnails.files import get_thumbnailer

logger = logging.getLogger(__name__)

THUMBNAIL_OPTIONS = {"size": (96, 64), "crop": True, "quality": 75}


def thumbnail(image_field, alt=""):
    if not image_field:
        return ""
    try:
        thumb = get_thumbnailer(image_field).get_thumbnail(THUMBNAIL_OPTIONS)
    except (EasyThumbnailsError, OSError, ValueError):
        logger.warning("No admin thumbnail for %s", image_field.name, exc_info=True)
        return ""
    return format_html(
        '<img class="admin-thumbnail" src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        thumb.url,
        thumb.width,
        thumb.height,
        alt or "",
    )
