from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from assembly.seeding import load_seed_content


class Command(BaseCommand):
    help = "Loads the Kazinform article of 19 December 2025 and the records it names."

    def handle(self, *args, **options):
        report = load_seed_content()
        if not report.created:
            self.stdout.write(_("Seed content is already loaded; nothing changed."))
            return
        for label, count in report.created.items():
            self.stdout.write(f"{label}: {count}")
