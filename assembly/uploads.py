"""Server-side checks of uploaded images: what the file is, not what it is called."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from assembly.storage import check_media_storage

ALLOWED_IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# A stored original is named for what it is, whatever the client called it.
FORMAT_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
ORIGINAL_QUALITY = 95
# Keys of Image.info that a save may write back: camera, GPS, editing software, comments.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000


@deconstructible
class ImageUploadValidator:
    def __init__(self, max_bytes=MAX_IMAGE_BYTES, max_pixels=MAX_IMAGE_PIXELS):
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    def __call__(self, file):
        # Files already stored are not checked again (they passed when uploaded).
        if getattr(file, "_committed", False):
            return
        check_media_storage(file)
        size = getattr(file, "size", None)
        if size is not None and size > self.max_bytes:
            raise ValidationError(
                _("The image is %(size)s; the largest allowed is %(limit)s."),
                code="image_too_large",
                params={"size": filesizeformat(size), "limit": filesizeformat(self.max_bytes)},
            )
        file.seek(0)
        try:
            with warnings.catch_warnings():
                # Pillow warns about large images; the pixel limit below decides instead.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                # Image.open only reads the header, so a huge image is refused before decoding.
                with Image.open(file) as image:
                    image_format = image.format
                    width, height = image.size
                    if image_format not in ALLOWED_IMAGE_FORMATS:
                        raise ValidationError(
                            _("Upload a JPEG, PNG or WebP image. This file is %(format)s."),
                            code="image_format",
                            params={"format": image_format or _("not an image")},
                        )
                    if width * height > self.max_pixels:
                        raise ValidationError(
                            _(
                                "The image is %(width)s × %(height)s pixels; the largest "
                                "allowed is %(limit)s megapixels."
                            ),
                            code="image_too_many_pixels",
                            params={
                                "width": width,
                                "height": height,
                                "limit": self.max_pixels // 1_000_000,
                            },
                        )
                    image.verify()
        except ValidationError:
            raise
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
            raise ValidationError(
                _("Upload a JPEG, PNG or WebP image. This file is not a readable image."),
                code="image_invalid",
            ) from None
        finally:
            file.seek(0)

    def __eq__(self, other):
        return (
            isinstance(other, ImageUploadValidator)
            and self.max_bytes == other.max_bytes
            and self.max_pixels == other.max_pixels
        )


validate_image_upload = ImageUploadValidator()


def without_metadata(content):
    """The image in ``content`` re-encoded without EXIF, XMP or comments, the right way up.

    Returns the new file and the extension of its format. The orientation EXIF tag is applied
    to the pixels first, since the tag itself is dropped with the rest.
    """
    content.seek(0)
    header = content.read(16)
    content.seek(0)
    with Image.open(content) as image:
        image_format = image.format
        if image_format not in FORMAT_EXTENSIONS:
            raise ValueError(f"Not a JPEG, PNG or WebP image: {image_format}")
        animated = getattr(image, "is_animated", False)
        # exif_transpose sees one frame only; animations keep theirs as they are.
        clean = image if animated else ImageOps.exif_transpose(image)
        for key in METADATA_KEYS:
            clean.info.pop(key, None)
        options = {"format": image_format, "icc_profile": image.info.get("icc_profile")}
        if animated:
            options["save_all"] = True
        if image_format == "WEBP" and header[12:16] == b"VP8L":
            options["lossless"] = True
        elif image_format in {"JPEG", "WEBP"}:
            options["quality"] = ORIGINAL_QUALITY
        buffer = io.BytesIO()
        clean.save(buffer, **options)
    content.seek(0)
    return ContentFile(buffer.getvalue()), FORMAT_EXTENSIONS[image_format]
