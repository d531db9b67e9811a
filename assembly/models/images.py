import uuid
from pathlib import PurePath

from django.utils import timezone


def image_upload_to(instance, filename):
    # Uploaded names are never trusted: they may leak personal data or collide.
    suffix = PurePath(filename).suffix.lower()[:5] or ".jpg"
    folder = type(instance)._meta.model_name
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"
