"""Server-side checks of uploaded images: what the file is, not what it is called."""

import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from assembly.storage import check_media_storage

ALLOWED_IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
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
