from django.apps import apps
from django.core.management.base import BaseCommand

from assembly.cache import EVERYTHING, invalidate
from assembly.images import make_renditions
from assembly.models.fields import CleanImageField


class Command(BaseCommand):
    help = (
        "Makes the missing renditions of images stored before they were made on save. "
        "Pages never make them, so such an image is not shown until this has run."
    )

    def handle(self, *args, **options):
        count = 0
        for model in apps.get_models():
            for field in model._meta.fields:
                if not isinstance(field, CleanImageField):
                    continue
                rows = model._base_manager.exclude(**{field.name: ""}).only("pk", field.name)
                for row in rows.iterator():
                    make_renditions(getattr(row, field.name))
                    count += 1
        # Pages cached without these images are renewed.
        invalidate({EVERYTHING})
        self.stdout.write(f"Renditions checked for {count} images.")
