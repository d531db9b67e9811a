"""A database built at the migration before the search entries migrates forward to the head
with its content and its search intact."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation

# The state before the migration that moved search into its own table (0014_squashed_0023
# holds it): the content tables held their search texts.
BEFORE_ENTRIES = ("assembly", "0001_squashed_0013_search_word_languages")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def search_titles(client, lang, q):
    with translation.override(lang):
        url = reverse("assembly:search")
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return [str(hit.obj) for group in response.context["groups"] for hit in group.hits]


@pytest.mark.django_db(transaction=True)
def test_database_before_search_entries_migrates_with_content_and_search(client):
    executor = migrate([BEFORE_ENTRIES])
    old = executor.loader.project_state([BEFORE_ENTRIES]).apps
    OldNewsItem = old.get_model("assembly", "NewsItem")
    OldInstitution = old.get_model("assembly", "Institution")
    # As the content tables held it then: title, a newline, the rest, normalized.
    OldNewsItem.objects.create(
        title_kk="Наурыз мерекесі",
        lead_kk="Көктемгі той",
        body_kk="<p>Қала алаңында</p>",
        slug_kk="nauryz-merekesi",
        status="published",
        published_at=timezone.now() - timedelta(hours=1),
        search_kk="наурыз мерекесі\nкөктемгі той қала алаңында",
        search_ru="наурыз мерекесі\nкөктемгі той қала алаңында",
        search_en="наурыз мерекесі\nкөктемгі той қала алаңында",
    )
    OldInstitution.objects.create(
        name_kk="Достық үйі",
        slug_kk="dostyq-uii",
        kind="friendship_house",
        level="regional",
        search_kk="достық үйі\nастана",
        search_ru="достық үйі\nастана",
        search_en="достық үйі\nастана",
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from assembly.models import Institution, NewsItem

    assert NewsItem.objects.get().title_kk == "Наурыз мерекесі"
    assert search_titles(client, "kk", "наурыз") == ["Наурыз мерекесі"]
    # A word of the body, typed with Russian look-alike letters, still finds it.
    assert search_titles(client, "kk", "аланында") == ["Наурыз мерекесі"]
    assert search_titles(client, "kk", "достык") == [str(Institution.objects.get())]
