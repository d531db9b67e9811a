"""Search behaviour kept by the faster PostgreSQL queries (issue 5, Speed), on both databases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from assembly.models import NewsItem, SearchWord
from assembly.search import Query, matching
from assembly.search.index import entries_of
from assembly.views.search import suggested_topics

from .factories import make_news_item, make_topic
from .test_search import found_titles, make_news_in, search

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="stored titles and stems are PostgreSQL's"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("assembly", False), ("form 2024", False), ("ассамблея", True), ("қазақ", True)],
)
def test_query_knows_whether_its_letters_have_lookalikes(text, expected):
    assert Query(text).has_lookalike_letters is expected


def test_title_match_ignores_punctuation_between_the_words(client):
    now = timezone.now()
    in_body = make_news_in("kk", "Жаңалық", body="Жастар форумы өтті", published_at=now)
    in_title = make_news_in("kk", "Жастар, форумы!", published_at=now - timedelta(days=3))
    assert found_titles(search(client, "kk", "жастар форумы")) == [in_title.title, in_body.title]


def test_english_title_match_ranks_above_body_match(client):
    now = timezone.now()
    in_body = make_news_in("en", "News", body="Youth forum held", published_at=now)
    in_title = make_news_in("en", "Youth Forum", body="Text", published_at=now - timedelta(days=3))
    assert found_titles(search(client, "en", "forum")) == [in_title.title, in_body.title]


@postgresql_only
def test_english_word_form_found_by_its_stem_ranks_below_the_word_itself(client):
    # "assembly" has no letter with a look-alike: its folded matches are its exact ones.
    now = timezone.now()
    stem_only = make_news_in("en", "Assemblies meet", body="Text", published_at=now)
    exact = make_news_in("en", "Session", body="The assembly", published_at=now - timedelta(days=9))
    assert found_titles(search(client, "en", "assembly")) == [exact.title, stem_only.title]


@postgresql_only
def test_stored_title_is_kept_by_every_writer():
    item = make_news_in("kk", "Қазақстан, Жастары!")
    row = entries_of(NewsItem, "kk").filter(object_id=item.pk)
    assert row.values_list("title_folded", flat=True).get() == "казакстан жастары"
    row.update(title="жаңа тақырып")
    assert row.values_list("title_folded", flat=True).get() == "жана такырып"


@postgresql_only
def test_postgresql_ranks_on_key_sets_not_on_the_rows():
    # Match and rank are semi-joins on the search entries' keys: the outer query reads no
    # search column, so for news its filters, recency and keys come from the partial
    # indexes, read index-only.
    found = matching(NewsItem.objects.all(), Query("қазақстан"), "ru")
    sql = str(found.values("pk", "rank").query)
    for column in ("vector_plain", "vector_folded", "vector_stems", "title_folded"):
        assert f'."{column}"' in sql
    assert "JOIN" not in sql


def test_results_counted_with_their_page(client):
    now = timezone.now()
    for number in range(23):
        make_news_in("kk", f"Мереке {number}", published_at=now - timedelta(hours=number))
    pages = {
        page: search(client, "kk", "мереке", type="news", page=page)
        for page in ("1", "2", "3", "99", "abc", "0", "")
    }
    for response in pages.values():
        assert response.context["total"] == 23
        assert response.context["type_counts"][0].count == 23
    assert [len(found_titles(pages[page])) for page in ("1", "2", "3")] == [10, 10, 3]
    assert found_titles(pages["1"])[0] == "Мереке 0"
    assert found_titles(pages["3"])[-1] == "Мереке 22"
    assert found_titles(pages["99"]) == found_titles(pages["3"])  # past the end: the last
    assert found_titles(pages["0"]) == found_titles(pages["3"])  # as Paginator.get_page()
    assert found_titles(pages["abc"]) == found_titles(pages["1"])  # no number: the first
    assert found_titles(pages[""]) == found_titles(pages["1"])
    assert pages["2"].context["groups"][0].page_obj.number == 2


def test_no_match_on_a_type_page_is_counted_as_none(client):
    make_news_in("kk", "Мереке")
    response = search(client, "kk", "мереке", type="initiatives", page="2")
    assert response.status_code == 200
    assert response.context["total"] == 1
    assert response.context["groups"] == []


def test_typo_is_corrected_only_to_words_of_the_readers_language(client):
    make_news_item(
        title_kk="Жастар форумы", title_ru="Молодёжный форум", lead_ru="Кратко", body_ru="<p>Т</p>"
    )
    assert SearchWord.objects.filter(lang="ru", word="молодежный").exists()
    assert not SearchWord.objects.filter(lang="kk", word="молодежный").exists()
    # The typo is in the word's stem: PostgreSQL's Russian stemmer finds «молодежнй» itself
    # (the right news, no correction needed), as it would any misspelt ending.
    russian = search(client, "ru", "малодежный")
    assert "молодежный" in russian.context["corrected_query"]
    kazakh = search(client, "kk", "малодежный")
    assert "corrected_query" not in kazakh.context
    assert kazakh.context["total"] == 0


def test_kazakh_fallback_words_are_in_every_languages_vocabulary():
    # Texts without a translation show the Kazakh one, so their words are known there too.
    make_news_item(title_kk="Наурызнама")
    for lang in ("kk", "ru", "en"):
        assert SearchWord.objects.filter(lang=lang, word="наурызнама").exists()


def test_suggested_topics_count_the_news_shown_in_the_readers_language():
    kazakh_only = make_topic(name_kk="Мерекелер")
    everywhere = make_topic(name_kk="Жастар", name_en="Youth")
    for number in range(3):
        make_news_item(title_kk=f"Мереке {number}").topics.add(kazakh_only)
    translated = make_news_item(
        title_kk="Жастар", title_en="Youth", lead_en="Lead", body_en="<p>Body</p>"
    )
    translated.topics.add(everywhere)
    hidden = make_news_item(status=NewsItem.Status.DRAFT, published_at=None)
    hidden.topics.add(everywhere)
    kk = {topic.pk: topic.news_count for topic in suggested_topics("kk")}
    assert kk == {kazakh_only.pk: 3, everywhere.pk: 1}
    assert list(suggested_topics("kk")) == [kazakh_only, everywhere]
    assert [topic.pk for topic in suggested_topics("en")] == [everywhere.pk]


def test_no_topics_to_suggest_without_news():
    make_topic()
    assert list(suggested_topics("kk")) == []


def test_vendor_is_known():
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": NewsItem.Status.DRAFT, "published_at": None},
        {"status": NewsItem.Status.SCHEDULED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_words_of_unpublished_news_are_never_suggested(client, hidden):
    make_news_item(title_kk="Ғарышайлақ жобасы", **hidden)
    make_news_item(title_kk="Ғарыш туралы")
    response = search(client, "kk", "ғарышайлык")
    assert "corrected_query" not in response.context
    assert "ғарышайлақ" not in response.content.decode().lower()
    assert not SearchWord.objects.filter(word__startswith="гарышайла").exists()


def test_rebuilt_vocabulary_drops_hidden_words_and_adds_news_gone_live(client):
    from io import StringIO

    from django.core.management import call_command

    SearchWord.objects.create(lang="kk", word="гарышайлак")  # kept from before the fix
    make_news_item(title_kk="Ғарышайлақ жобасы", status=NewsItem.Status.DRAFT, published_at=None)
    soon = timezone.now() + timedelta(hours=1)
    gone_live = make_news_item(
        title_kk="Ұшқышбекет", status=NewsItem.Status.SCHEDULED, published_at=soon
    )
    assert not SearchWord.objects.filter(word="ушкышбекет").exists()
    NewsItem.objects.filter(pk=gone_live.pk).update(published_at=timezone.now() - timedelta(1))
    call_command("rebuild_search_words", stdout=StringIO())
    assert not SearchWord.objects.filter(word="гарышайлак").exists()
    assert SearchWord.objects.filter(lang="kk", word="ушкышбекет").exists()
    assert "corrected_query" not in search(client, "kk", "ғарышайлык").context
