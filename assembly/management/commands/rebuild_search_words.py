from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from assembly.models import SearchWord
from assembly.search.index import is_searchable, remember_search_words

BATCH = 500


class Command(BaseCommand):
    help = (
        "Rebuilds the search vocabulary from what readers see now: drops the words of drafts "
        "and hidden items, and adds those of scheduled items that have gone live."
    )

    def handle(self, *args, **options):
        models = [model for model in apps.get_models() if is_searchable(model)]
        with transaction.atomic():
            SearchWord.objects.all().delete()
            for model in models:
                rows = model._default_manager.published()
                batch = []
                for row in rows.iterator(chunk_size=BATCH):
                    batch.append(row)
                    if len(batch) == BATCH:
                        remember_search_words(batch)
                        batch = []
                remember_search_words(batch)
        self.stdout.write(f"Search words: {SearchWord.objects.count()}.")
