"""Width-limited JPEG and WebP renditions of uploaded images, for srcset."""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from easy_thumbnails.exceptions import EasyThumbnailsError
from easy_thumbnails.files import get_thumbnailer

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (480, 800, 1200, 1600)
FORMATS = {"webp": "image/webp", "jpg": "image/jpeg"}
QUALITY = 80
RENDITIONS_CACHE_SECONDS = 3600


@dataclass
class Rendition:
    url: str
    width: int


@dataclass
class ResponsiveImage:
    width: int
    height: int
    fallback: Rendition
    sources: dict = field(default_factory=dict)  # mime type -> list of Rendition

    def srcset(self, mime):
        return ", ".join(f"{r.url} {r.width}w" for r in self.sources[mime])


def target_widths(source_width, widths=None):
    widths = widths or RENDITION_WIDTHS
    chosen = [width for width in widths if width < source_width]
    chosen.append(min(source_width, max(widths)))
    return sorted(set(chosen))


def make_renditions(image_field, widths=None):
    """Writes every rendition of ``image_field``; called when the image is saved."""
    try:
        _renditions(image_field, widths, generate=True)
    except (EasyThumbnailsError, OSError, ValueError):
        logger.warning("No renditions made for image %s", image_field.name, exc_info=True)


def responsive_image(image_field, widths=None):
    """The renditions of ``image_field`` made when it was saved, or None if there are none.

    A reader's request never makes a rendition: a large photo takes seconds to resize.
    """
    if not image_field:
        return None
    # Rendition names follow from the file's name, and a new upload gets a new name: looking
    # them up costs storage calls per width and format on every page (docs/performance.md).
    spec = f"{image_field.name}:{widths or RENDITION_WIDTHS}"
    key = "renditions:" + hashlib.md5(spec.encode(), usedforsecurity=False).hexdigest()
    return remembered(key, lambda: _responsive_image(image_field, widths), RENDITIONS_CACHE_SECONDS)


def _renditions(image_field, widths, generate):
    source_width = image_field.width
    sources = {}
    for extension, mime in FORMATS.items():
        thumbnailer = get_thumbnailer(image_field)
        thumbnailer.thumbnail_extension = extension
        sources[mime] = [
            (
                thumbnailer.get_thumbnail(
                    {"size": (width, 0), "quality": QUALITY}, generate=generate
                ),
                width,
            )
            for width in target_widths(source_width, widths)
        ]
    return sources


def _responsive_image(image_field, widths):
    try:
        sources = _renditions(image_field, widths, generate=False)
    except (EasyThumbnailsError, OSError, ValueError):
        logger.warning("No renditions for image %s", image_field.name, exc_info=True)
        return None
    if any(thumbnail is None for found in sources.values() for thumbnail, _ in found):
        logger.warning("No renditions of %s: run manage.py make_renditions", image_field.name)
        return None
    sources = {
        mime: [Rendition(thumbnail.url, width) for thumbnail, width in found]
        for mime, found in sources.items()
    }
    jpeg = sources[FORMATS["jpg"]]
    fallback = next((r for r in jpeg if r.width >= 800), jpeg[-1])
    return ResponsiveImage(
        width=image_field.width, height=image_field.height, fallback=fallback, sources=sources
    )


def remembered(key, compute, timeout):
    """``compute()`` for ``timeout`` seconds, untagged: a rendition is named by its file."""
    try:
        value = cache.get(key)
        if value is None and (value := compute()) is not None:
            cache.set(key, value, timeout)
        return value
    except Exception:
        logger.exception("Cache: could not use %s", key)
        return compute()
