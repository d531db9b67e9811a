"""Parts of pages kept apart from the page cache: the article's fragment and the menus."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from assembly.addresses import cached_reverse
from assembly.cache import EVERYTHING, invalidate
from assembly.models import Institution, NewsItem
from assembly.templatetags.assembly_tags import clip
from tests.pages import fast_images  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_images")

# When its fragments are not cached: the article by its slug, its topics, initiatives and
# institutions, and the related news. When they are, the article needs no query at all.
ARTICLE_QUERIES_FRAGMENT_WARM = 0
ARTICLE_QUERIES_FRAGMENT_COLD = 6  # item, three mention lists, related news, key figures


@pytest.fixture
def article(seeded, settings):
    settings.CACHE_PAGES = False
    return NewsItem.objects.get(seed_key="kazinform-2025-12-19")


def article_url(lang, item):
    with translation.override(lang):
        return item.get_absolute_url()


def get_counting_queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response, len(queries)


def test_a_second_reader_gets_the_article_from_its_fragment(client, article):
    url = article_url("kk", article)
    client.get(url)  # image renditions are made and remembered once
    invalidate({EVERYTHING})

    first, cold = get_counting_queries(client, url)
    second, warm = get_counting_queries(client, url)

    assert (cold, warm) == (ARTICLE_QUERIES_FRAGMENT_COLD, ARTICLE_QUERIES_FRAGMENT_WARM)
    assert second.content == first.content
    assert "Қазақстан халқы Ассамблеясы" in second.content.decode()


def test_without_fragments_every_request_builds_the_article(client, article, settings):
    settings.CACHE_FRAGMENTS = False
    url = article_url("kk", article)
    client.get(url)  # image renditions are made and remembered once

    counts = [get_counting_queries(client, url)[1] for _ in range(2)]

    assert counts == [ARTICLE_QUERIES_FRAGMENT_COLD] * 2


def test_renaming_a_mentioned_institution_shows_on_the_article_at_once(client, article):
    url = article_url("ru", article)
    assert "Дома дружбы" in client.get(url).content.decode()
    houses = Institution.objects.get(seed_key="friendship-houses")

    houses.name_ru = "Дома дружбы народов"
    houses.save()

    html = client.get(url).content.decode()
    assert "Дома дружбы народов" in html


def test_each_language_keeps_its_own_article_fragment(client, article):
    kk = client.get(article_url("kk", article)).content.decode()
    en = client.get(article_url("en", article)).content.decode()

    assert "Осы жаңалықтағы мекемелер" in kk
    assert "Institutions in this story" not in kk
    assert "Institutions in this story" in en
    assert "Осы жаңалықтағы мекемелер" not in en


def test_share_links_name_the_address_the_reader_used(client, article, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    url = article_url("en", article)

    first = client.get(url, HTTP_HOST="one.example").content.decode()
    second = client.get(url, HTTP_HOST="two.example").content.decode()

    assert "one.example" in first and "two.example" not in first
    assert "two.example" in second and "one.example" not in second


def test_a_failing_cache_still_serves_the_article(client, article, monkeypatch):
    from django.core.cache import caches

    cache = caches["default"]

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)

    response = client.get(article_url("kk", article))

    assert response.status_code == 200
    assert "Қазақстан халқы Ассамблеясы" in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "news", "other"),
    [("kk", "Жаңалықтар", "Новости"), ("ru", "Новости", "Жаңалықтар"), ("en", "News", "Новости")],
)
def test_menus_are_kept_per_language(client, seeded, lang, news, other):
    for first in ("kk", "ru", "en"):  # every language's menu is rendered and kept first
        client.get(f"/{first}/")

    html = client.get(f"/{lang}/").content.decode()

    nav = html[html.index('<nav class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert f">{news}</a>" in nav
    assert other not in nav
    assert f'href="/{lang}/news/"' in nav


def test_remembered_addresses_follow_the_language_and_the_slug():
    with translation.override("ru"):
        assert cached_reverse("assembly:news_detail", slug="a") == "/ru/news/a/"
        assert cached_reverse("assembly:news_detail", slug="b") == "/ru/news/b/"
    with translation.override("en"):
        assert cached_reverse("assembly:news_detail", slug="a") == "/en/news/a/"


def test_a_new_slug_gives_the_new_address(client, article):
    article.slug_en = "a-new-address"
    article.save()

    assert article_url("en", article) == "/en/news/a-new-address/"
    assert client.get("/en/news/a-new-address/").status_code == 200


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("Қысқа", 10, "Қысқа"),
        ("Қазақстан халқы", 15, "Қазақстан халқы"),
        ("Қазақстан халқы Ассамблеясы", 16, "Қазақстан халқы…"),
        ("әғқңөұүһі" * 3, 5, "әғқң…"),
    ],
)
def test_clip_shortens_only_text_that_does_not_fit(text, length, expected):
    assert clip(text, length) == expected
    assert len(clip(text, length)) <= length


def region_counts_text(client, region):
    html = client.get("/en/regions/").content.decode()
    # A region with nothing to show is named without a link.
    start = html.index(f">{region.name_en}<")
    return html[start : html.index("</li>", start)]


def test_region_counts_follow_a_new_item_at_once(client, db, settings):
    from assembly.models import Region
    from tests.factories import make_news_item

    settings.CACHE_PAGES = False
    atyrau = Region.objects.get(code="atyrau")
    assert "nothing yet" in region_counts_text(client, atyrau)

    item = make_news_item(title_en="Atyrau forum", lead_en="Lead", body_en="<p>Body</p>")
    item.regions.add(atyrau)

    assert "1 news item" in region_counts_text(client, atyrau)


def test_the_news_count_follows_a_new_item_at_once(client, db, settings):
    from tests.factories import make_news_item

    settings.CACHE_PAGES = False
    settings.NEWS_PER_PAGE = 2
    for _ in range(2):
        make_news_item(title_en="Story", lead_en="Lead", body_en="<p>Body</p>")
    assert client.get("/en/news/?page=2").status_code == 404

    make_news_item(title_en="One more story", lead_en="Lead", body_en="<p>Body</p>")

    response = client.get("/en/news/?page=2")
    assert response.status_code == 200
    assert "One more story" in response.content.decode()  # the oldest of the three


def test_home_reads_remembered_counts_on_a_second_visit(client, seeded, settings):
    settings.CACHE_PAGES = False
    client.get("/kk/")

    _response, queries = get_counting_queries(client, "/kk/")

    assert queries == 6


def test_unpublishing_an_article_takes_it_off_at_once(client, article):
    url = article_url("kk", article)
    assert client.get(url).status_code == 200

    article.status = NewsItem.Status.UNPUBLISHED
    article.save()

    assert client.get(url).status_code == 404


def test_a_scheduled_article_goes_live_by_itself(client, db, settings):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_news_item

    settings.CACHE_PAGES = False
    item = make_news_item(
        status=NewsItem.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1)
    )
    url = article_url("kk", item)
    assert client.get(url).status_code == 404

    NewsItem.objects.filter(pk=item.pk).update(published_at=timezone.now())  # no signal

    assert client.get(url).status_code == 200


def test_an_old_slug_still_redirects_with_fragments_on(client, article):
    old = article_url("en", article)
    article.slug_en = "a-renamed-article"
    article.save()

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == "/en/news/a-renamed-article/"


def test_a_fragment_is_kept_compressed_and_read_back_whole(db):
    from django.core.cache import cache

    from assembly.fragments import cached_fragment

    html = "<p>Қазақстан халқы Ассамблеясы</p>\n" * 300
    renders = []

    def render():
        renders.append(1)
        return html

    first = cached_fragment("compressed", ["kk"], render, tags=["newsitem:1"])
    second = cached_fragment("compressed", ["kk"], render, tags=["newsitem:1"])

    stored = cache.get("fragment:compressed:kk")[1]
    assert (first, second, len(renders)) == (html, html, 1)
    assert len(stored) * 10 < len(html.encode())
