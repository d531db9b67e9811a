from django.core.management.base import BaseCommand, CommandError

from assembly import translation_files
from assembly.languages import tracked_models, translation_languages


class Command(BaseCommand):
    help = "Write an XLIFF 1.2 or PO file of texts to translate, for a translation agency."

    def add_arguments(self, parser):
        parser.add_argument("--lang", required=True, choices=translation_languages())
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--outdated", action="store_const", dest="which", const="outdated")
        which.add_argument("--missing", action="store_const", dest="which", const="missing")
        which.add_argument("--all", action="store_const", dest="which", const="all")
        parser.add_argument("--model", choices=[m._meta.model_name for m in tracked_models()])
        parser.add_argument("--format", choices=translation_files.FORMATS, default="xliff")
        parser.add_argument("--output", required=True)

    def handle(self, *args, lang, which, model, format, output, **options):
        models = [m for m in tracked_models() if model is None or m._meta.model_name == model]
        objects = []
        for m in models:
            queryset = m._base_manager.order_by("pk")
            objects += list(translation_files.select(queryset, lang, which or "all"))
        data = translation_files.export(objects, lang, format)
        try:
            with open(output, "wb") as handle:
                handle.write(data)
        except OSError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{len(objects)} items -> {output}")
