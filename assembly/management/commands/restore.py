from django.core.management.base import BaseCommand

from assembly.operations.backups import restore_backup


class Command(BaseCommand):
    help = "Brings back the database content and media from a `backup` archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of a .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite the content of a database that is not empty.",
        )

    def handle(self, *args, archive, replace=False, **options):
        result = restore_backup(archive, replace=replace)
        self.stdout.write(
            f"Restored the database and {result['media_restored']} media files "
            f"from a backup taken {result['created']}."
        )
