from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from assembly.operations.backups import create_backup


class Command(BaseCommand):
    help = "Writes the database and the uploaded media into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Archive path (default: var/backups/assembly-<time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"assembly-{stamp}.tar.gz"
        manifest = create_backup(output)
        self.stdout.write(f"Backup written to {output} ({manifest['media_files']} media files).")
