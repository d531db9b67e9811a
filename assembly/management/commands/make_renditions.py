from django.core.management.base import BaseCommand

from assembly.cache import bump_content_version
from assembly.images import make_renditions
from assembly.models import Initiative, Institution, NewsItem

IMAGE_FIELDS = ((NewsItem, "hero_image"), (Initiative, "image"), (Institution, "image"))


class Command(BaseCommand):
    help = (
        "Makes the missing renditions of images stored before they were made on save. "
        "Pages never make them, so such an image is not shown until this has run."
    )

    def handle(self, *args, **options):
        count = 0
        for model, field in IMAGE_FIELDS:
            for obj in model.objects.exclude(**{field: ""}).only("pk", field).iterator():
                make_renditions(getattr(obj, field))
                count += 1
        # Pages cached without these images are renewed.
        bump_content_version()
        self.stdout.write(f"Renditions checked for {count} images.")
