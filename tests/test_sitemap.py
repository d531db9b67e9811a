import xml.etree.ElementTree as ET
from datetime import timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assembly.models import NewsItem
from tests.factories import make_initiative, make_institution, make_news_item, make_topic

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
}
SECTIONS = {"pages", "news", "initiatives", "institutions", "topics", "regions"}
ORIGIN = "http://testserver"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def section_pages(client):
    index = parse(client.get("/sitemap.xml"))
    return [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]


def collect_urls(client, section=None):
    """Every <url> of the whole sitemap (or of one section): loc -> alternates and images."""
    urls = {}
    for page in section_pages(client):
        if section and not urlsplit(page).path == f"/sitemap-{section}.xml":
            continue
        for url in parse(client.get(path_of(page))).findall("sm:url", NS):
            loc = url.findtext("sm:loc", namespaces=NS)
            assert loc not in urls, f"{loc} listed twice"
            urls[loc] = {
                "alternates": {
                    link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
                },
                "images": [image.text for image in url.findall("image:image/image:loc", NS)],
                "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            }
    return urls


def news_locs(urls, item):
    return {loc for loc in urls if any(loc.endswith(f"/news/{slug}/") for slug in slugs_of(item))}


def kazakh_locs(section, obj):
    """The Kazakh page of ``obj`` and its Latin reading, at the same slug."""
    return {f"{ORIGIN}/{lang}/{section}/{obj.slug_kk}/" for lang in ("kk", "kk-latn")}


def slugs_of(item):
    return [slug for slug in (item.slug_kk, item.slug_ru, item.slug_en) if slug]


def test_robots_names_the_sitemap_index_without_touching_the_database(client, db, settings):
    # The view alone: the page cache's own bookkeeping on a miss is not robots.txt's cost.
    settings.CACHE_PAGES = False
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in response.content.decode().splitlines()
    assert len(queries) == 0


def test_robots_sitemap_url_follows_the_request_scheme_and_host(client, db):
    response = client.get("/robots.txt", secure=True, HTTP_HOST="localhost")

    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode()


def test_sitemap_index_lists_every_section(client, seeded):
    pages = section_pages(client)

    assert {urlsplit(page).path for page in pages} == {f"/sitemap-{s}.xml" for s in SECTIONS}
    assert all(page.startswith(f"{ORIGIN}/") for page in pages)


def test_seeded_sitemap_lists_the_article_in_each_language_with_its_image(client, seeded):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    urls = collect_urls(client, "news")

    expected = {
        f"{ORIGIN}/{lang}/news/{getattr(article, f'slug_{lang}')}/" for lang in "kk ru en".split()
    }
    # The Latin reading of Kazakh, at the Kazakh slug.
    expected.add(f"{ORIGIN}/kk-latn/news/{article.slug_kk}/")
    assert set(urls) == expected
    for entry in urls.values():
        assert entry["alternates"] == {
            "kk": f"{ORIGIN}/kk/news/{article.slug_kk}/",
            "ru": f"{ORIGIN}/ru/news/{article.slug_ru}/",
            "en": f"{ORIGIN}/en/news/{article.slug_en}/",
            "kk-Latn": f"{ORIGIN}/kk-latn/news/{article.slug_kk}/",
            "x-default": f"{ORIGIN}/kk/news/{article.slug_kk}/",
        }
        assert entry["images"] == [f"{ORIGIN}{article.hero_image.url}"]
        assert entry["lastmod"]


def test_hero_image_entry_points_at_the_stored_file(client, seeded, settings):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    image = next(iter(collect_urls(client, "news").values()))["images"][0]

    relative = urlsplit(image).path.removeprefix(settings.MEDIA_URL)
    assert relative == article.hero_image.name
    assert (Path(settings.MEDIA_ROOT) / relative).is_file()


def test_alternates_are_reciprocal_across_the_whole_seeded_sitemap(client, seeded):
    urls = collect_urls(client)

    assert urls
    for loc, entry in urls.items():
        alternates = entry["alternates"]
        languages = {lang for lang in alternates if lang != "x-default"}
        assert loc in {alternates[lang] for lang in languages}, loc
        assert alternates["x-default"] == alternates["kk"]
        for lang in languages:
            assert alternates[lang] in urls, f"{loc} names {alternates[lang]}, not listed"
            assert urls[alternates[lang]]["alternates"] == alternates
            assert urlsplit(alternates[lang]).path.startswith(f"/{lang.lower()}/")


def test_news_item_is_listed_only_in_the_languages_it_is_written_in(client, db):
    kazakh_only = make_news_item(title_kk="Тек қазақша")
    with_russian = make_news_item(
        title_kk="Екі тілде", title_ru="На двух языках", lead_ru="Кратко", body_ru="<p>Т</p>"
    )
    half_english = make_news_item(title_en="Half translated", lead_en="Only a lead")

    urls = collect_urls(client, "news")

    assert news_locs(urls, kazakh_only) == kazakh_locs("news", kazakh_only)
    assert urls[f"{ORIGIN}/kk/news/{kazakh_only.slug_kk}/"]["alternates"] == {
        "kk": f"{ORIGIN}/kk/news/{kazakh_only.slug_kk}/",
        "kk-Latn": f"{ORIGIN}/kk-latn/news/{kazakh_only.slug_kk}/",
        "x-default": f"{ORIGIN}/kk/news/{kazakh_only.slug_kk}/",
    }
    assert news_locs(urls, with_russian) == {
        *kazakh_locs("news", with_russian),
        f"{ORIGIN}/ru/news/{with_russian.slug_ru}/",
    }
    for loc in news_locs(urls, with_russian):
        assert set(urls[loc]["alternates"]) == {"kk", "kk-Latn", "ru", "x-default"}
    assert news_locs(urls, half_english) == kazakh_locs("news", half_english)


def test_drafts_unpublished_and_future_news_are_not_listed(client, db):
    now = timezone.now()
    hidden = [
        make_news_item(status=NewsItem.Status.DRAFT, published_at=None),
        make_news_item(status=NewsItem.Status.UNPUBLISHED),
        make_news_item(status=NewsItem.Status.SCHEDULED, published_at=now + timedelta(days=1)),
        make_news_item(published_at=now + timedelta(hours=1)),
    ]
    live = make_news_item(status=NewsItem.Status.SCHEDULED, published_at=now - timedelta(minutes=1))

    urls = collect_urls(client, "news")

    assert set(urls) == kazakh_locs("news", live)
    for item in hidden:
        assert not news_locs(urls, item)


def test_news_without_image_has_no_image_entry(client, db):
    item = make_news_item()

    urls = collect_urls(client, "news")

    assert urls[f"{ORIGIN}/kk/news/{item.slug_kk}/"]["images"] == []


def test_initiatives_and_institutions_listed_only_where_named_and_published(client, db):
    initiative = make_initiative(name_en="Youth school")
    institution = make_institution(name_ru="Дом дружбы")
    make_institution(is_published=False)
    make_initiative(is_published=False)

    initiatives = collect_urls(client, "initiatives")
    institutions = collect_urls(client, "institutions")

    assert set(initiatives) == {
        *kazakh_locs("initiatives", initiative),
        f"{ORIGIN}/en/initiatives/{initiative.slug_en}/",
    }
    assert set(institutions) == {
        *kazakh_locs("institutions", institution),
        f"{ORIGIN}/ru/institutions/{institution.slug_ru}/",
    }


def test_topic_is_listed_in_the_languages_it_is_named_in(client, db):
    topic = make_topic(name_ru="Молодёжь")

    urls = collect_urls(client, "topics")

    assert set(urls) == {
        *kazakh_locs("topics", topic),
        f"{ORIGIN}/ru/topics/{topic.slug_ru}/",
    }


def test_static_pages_are_listed_in_every_language(client, db):
    urls = collect_urls(client, "pages")

    for lang in ("kk", "ru", "en", "kk-latn"):
        assert f"{ORIGIN}/{lang}/" in urls
        assert f"{ORIGIN}/{lang}/news/" in urls
    assert urls[f"{ORIGIN}/en/"]["alternates"]["x-default"] == f"{ORIGIN}/kk/"


def test_small_limit_splits_a_section_into_pages_listed_in_the_index(client, db, settings):
    items = [make_news_item() for _ in range(3)]
    settings.SITEMAP_LIMIT = 2

    news_pages = [page for page in section_pages(client) if "/sitemap-news.xml" in page]

    # Three items in Kazakh and in its Latin reading: six addresses, two a page.
    assert news_pages == [
        f"{ORIGIN}/sitemap-news.xml",
        f"{ORIGIN}/sitemap-news.xml?p=2",
        f"{ORIGIN}/sitemap-news.xml?p=3",
    ]
    urls = collect_urls(client, "news")
    assert set(urls) == {loc for item in items for loc in kazakh_locs("news", item)}
    assert client.get("/sitemap-news.xml?p=4").status_code == 404


def test_pages_split_across_languages_keep_every_pair_once(client, db, settings):
    items = [
        make_news_item(title_ru=f"Новость {n}", lead_ru="Кратко", body_ru="<p>Т</p>")
        for n in range(3)
    ]
    settings.SITEMAP_LIMIT = 4

    urls = collect_urls(client, "news")

    assert len([page for page in section_pages(client) if "sitemap-news" in page]) == 3
    assert set(urls) == {
        f"{ORIGIN}/{lang}/news/{getattr(item, f'slug_{lang}')}/"
        for item in items
        for lang in ("kk", "ru")
    } | {f"{ORIGIN}/kk-latn/news/{item.slug_kk}/" for item in items}


@pytest.mark.parametrize("section", ["news", "initiatives", "institutions", "topics"])
def test_section_queries_do_not_grow_with_items(client, db, section):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            parse(client.get(f"/sitemap-{section}.xml"))
        return len(queries)

    make = {
        "news": lambda: make_news_item(
            title_en="News", lead_en="Lead", body_en="<p>B</p>", hero_image="newsitem/a.png"
        ),
        "initiatives": lambda: make_initiative(name_ru="Жоба", image="initiative/a.png"),
        "institutions": lambda: make_institution(name_en="House"),
        "topics": lambda: make_topic(name_en="Topic"),
    }[section]
    make()
    few = count_queries()
    for _ in range(8):
        make()

    assert count_queries() == few


def test_every_section_lists_pages_that_answer(client, seeded):
    urls = collect_urls(client)
    first_per_section = {}
    for loc, entry in urls.items():
        section = urlsplit(loc).path.split("/")[2] or "home"
        first_per_section.setdefault(section, entry)

    for entry in first_per_section.values():
        for href in set(entry["alternates"].values()):
            assert client.get(path_of(href)).status_code == 200, href


def test_random_query_on_a_sitemap_page_is_served_from_the_cache(client, db):
    make_news_item()
    first = client.get("/sitemap-news.xml?z=1")

    again = [client.get(f"/sitemap-news.xml?z={n}") for n in range(2, 12)]

    assert first["X-Page-Cache"] == "miss"
    assert {response["X-Page-Cache"] for response in again} == {"hit"}
    assert client.get("/sitemap-news.xml?p=1")["X-Page-Cache"] == "miss"  # p is a real page


def test_a_large_sitemap_is_split_into_small_pages_by_default(client, db):
    call_command("generate_demo_content", news=340, topics=1, stdout=StringIO())  # 1,020 URLs

    pages = [page for page in section_pages(client) if "/sitemap-news.xml" in page]
    sizes = [client.get(path_of(page)) for page in pages]

    assert len(pages) >= 2
    for response in sizes:
        assert len(parse(response).findall("sm:url", NS)) <= 1000
        assert len(response.content) < 1_000_000
