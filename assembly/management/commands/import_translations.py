import os

from django.core.management.base import BaseCommand, CommandError

from assembly import translation_files


class Command(BaseCommand):
    help = (
        "Apply an XLIFF or PO file from a translation agency. Units whose Kazakh source "
        "changed since the export are listed and skipped; so are translations edited since "
        "the export, unless --overwrite-edited. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--overwrite-edited", action="store_true")

    def handle(self, *args, file, dry_run, overwrite_edited, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read(translation_files.MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(str(error)) from error
        lang = translation_files.file_language(data)
        try:
            units = translation_files.read(data, lang)
        except translation_files.TranslationFileError as error:
            raise CommandError(str(error)) from error
        plan = translation_files.plan(units, lang)
        for title, entries in (("stale", plan.stale), ("edited since export", plan.edited)):
            for entry in entries:
                unit = entry["unit"]
                self.stdout.write(f"{title}: {unit.model._meta.model_name}.{unit.pk}.{unit.field}")
        if dry_run:
            self.stdout.write(f"would apply {len(plan.apply)} units")
            return
        count = translation_files.apply(
            plan, file_name=os.path.basename(file), overwrite_edited=overwrite_edited
        )
        self.stdout.write(f"applied {count} units")
