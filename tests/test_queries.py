"""Each page makes the same, small number of queries with 10 items and with 2,000."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from assembly.models import Initiative, Institution, NewsItem, Topic

# The mark also makes pytest-django set up the test database for the module fixture.
pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 2000
MAX_QUERIES = 10

# page -> exact number of queries with the page cache off. Update it when a page gains a
# query on purpose; a number that grows with the data is a bug (N+1), not an update.
EXPECTED = {
    # With fragments off; the two region counts are remembered otherwise (6 queries).
    "home": 8,
    # The filter menus read the topics and the regions.
    "news_list": 5,
    # The article's key figures are read with it.
    "news_detail": 6,
    "initiative_list": 1,
    "initiative_detail": 3,
    # All of them, grouped by kind: no separate count.
    "institution_list": 2,
    "institution_detail": 5,
    "topic_detail": 3,
    # The region, its institutions, and a page of its news with their count.
    "region_detail": 4,
    "topic_list": 2,
    "feeds": 2,
    "news_feed_rss": 2,
    "news_feed_atom": 2,
    "sitemap_index": 8,
    # The counts, then one query per language the page lists (kk, ru, en, kk-latn).
    "sitemap_news": 5,
    # Which result types have a matching search entry; per type found: the ranked keys
    # with their count, then only the rows shown; the filter menus' topics and regions, and
    # the regions matched by name.
    "search": 10,
}


def demo(**counts):
    call_command("generate_demo_content", stdout=StringIO(), **counts)


def first_demo(model):
    return model.objects.filter(seed_key__startswith="demo-").order_by("pk").first()


def page_url(page):
    """The URL of ``page`` at the current data, or None when the site has no such page."""
    with translation.override("kk"):
        try:
            if page == "news_detail":
                return first_demo(NewsItem).get_absolute_url()
            if page == "initiative_detail":
                return first_demo(Initiative).get_absolute_url()
            if page == "institution_detail":
                return first_demo(Institution).get_absolute_url()
            if page == "topic_detail":
                return first_demo(Topic).get_absolute_url()
            if page == "region_detail":
                # A region with news at both sizes: an empty page of news needs no query.
                item = NewsItem.objects.filter(seed_key__startswith="demo-", region__isnull=False)
                return item.order_by("pk").first().region.get_absolute_url()
            if page == "sitemap_index":
                return reverse("sitemap")
            if page == "sitemap_news":
                return reverse("sitemap_section", kwargs={"section": "news"}) + "?p=1"
            if page == "search":
                return reverse("assembly:search") + "?q=форум"
            return reverse(f"assembly:{page}")
        except NoReverseMatch:
            return None


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture(scope="module")
def small_counts(django_db_setup, django_db_blocker):
    """Measures every page with SMALL items, then grows the data to LARGE for the tests.

    The data is made once for the module, in a transaction rolled back at its end.
    """
    plain_static = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with (
        django_db_blocker.unblock(),
        # One sitemap page holds the whole section at both sizes: its cost must not grow
        # with the number of items on it.
        override_settings(
            CACHE_PAGES=False, CACHE_FRAGMENTS=False, STORAGES=plain_static, SITEMAP_LIMIT=10_000
        ),
    ):
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, "not the test database"
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo(news=SMALL, institutions=SMALL, initiatives=SMALL, topics=3)
            client = Client()
            urls = {page: page_url(page) for page in EXPECTED}
            for url in filter(None, urls.values()):
                client.get(url)  # first requests fill per-process caches
            counts = {page: count_queries(client, url) for page, url in urls.items() if url}
            demo(news=LARGE - SMALL, institutions=LARGE - SMALL, initiatives=LARGE // 10)
            yield counts
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize("page", list(EXPECTED))
def test_query_count_does_not_grow_with_content(
    small_counts, client, page, django_assert_num_queries
):
    url = page_url(page)
    if url is None:
        pytest.skip(f"{page}: no such page on the site yet")

    client.get(url)  # as for the small data: the first request fills per-process caches
    large = count_queries(client, url)
    assert (small_counts[page], large) == (EXPECTED[page], EXPECTED[page]), (
        f"{page}: queries with {SMALL} and {LARGE} items"
    )
    assert EXPECTED[page] <= MAX_QUERIES
    with django_assert_num_queries(EXPECTED[page]):
        assert client.get(url).status_code == 200
