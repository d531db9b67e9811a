import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from assembly.feeds import NewsFeed
from assembly.models import NewsItem
from tests.factories import make_news_item, make_topic

LANGUAGES = ["kk", "ru", "en"]
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def feed_url(lang, kind):
    with translation.override(lang):
        return reverse(f"assembly:news_feed_{kind}")


def get_rss(client, lang):
    response = client.get(feed_url(lang, "rss"))
    assert response.status_code == 200
    # XML, so that a browser applies the feed's stylesheet (assembly/feeds.py).
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content).find("channel")


def get_atom(client, lang):
    response = client.get(feed_url(lang, "atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def rss_titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def atom_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rss_feed_lists_the_article_in_each_language(client, seeded, lang):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")

    channel = get_rss(client, lang)

    assert channel.findtext("language") == lang
    assert rss_titles(channel) == [getattr(article, f"title_{lang}")]
    with translation.override(lang):
        assert channel.findtext("title") == str(NewsFeed.title)
        assert channel.findtext("link") == f"http://testserver{reverse('assembly:news_list')}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_atom_feed_lists_the_article_in_each_language(client, seeded, lang):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")

    feed = get_atom(client, lang)

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert atom_titles(feed) == [getattr(article, f"title_{lang}")]
    with translation.override(lang):
        assert feed.findtext(f"{ATOM}title") == str(NewsFeed.title)


def test_rss_item_carries_link_dates_guid_source_enclosure_topics_and_body(client, seeded):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")

    item = get_rss(client, "en").find("item")

    assert item.findtext("link") == f"http://testserver/en/news/{article.slug_en}/"
    assert unescape(item.findtext("description")) == article.lead_en
    assert parsedate_to_datetime(item.findtext("pubDate")) == article.published_at
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text.endswith(f":news/{article.pk}/en")
    assert item.findtext(DC_CREATOR) == "Kazinform"
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"http://testserver{article.hero_image.url}"
    assert enclosure.get("type") == "image/png"
    assert int(enclosure.get("length")) == article.hero_image.size
    categories = {element.text for element in item.findall("category")}
    assert categories == set(article.topics.values_list("name_en", flat=True))
    assert categories
    assert item.findtext(CONTENT_ENCODED) == article.body_en


def test_atom_entry_carries_summary_content_and_enclosure(client, seeded):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")

    entry = get_atom(client, "ru").find(f"{ATOM}entry")

    assert unescape(entry.findtext(f"{ATOM}summary")) == article.lead_ru
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.text == article.body_ru
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == f"http://testserver/ru/news/{article.slug_ru}/"
    assert links["enclosure"].get("type") == "image/png"
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Kazinform"


def test_item_without_translation_is_only_in_the_languages_it_is_written_in(client, db):
    kazakh_only = make_news_item(title_kk="Тек қазақша")
    both = make_news_item(
        title_kk="Екі тілде",
        title_ru="На двух языках",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
    )

    assert rss_titles(get_rss(client, "kk")) == [kazakh_only.title_kk, both.title_kk]
    assert rss_titles(get_rss(client, "ru")) == ["На двух языках"]
    assert rss_titles(get_rss(client, "en")) == []
    assert atom_titles(get_atom(client, "en")) == []


def test_item_with_english_title_but_no_english_body_stays_out_of_english_feed(client, db):
    make_news_item(title_en="Half translated", lead_en="Lead only")

    assert rss_titles(get_rss(client, "en")) == []


def test_item_saved_while_english_is_active_stays_out_of_english_feed(client, db):
    # An editor working in English must not turn the Kazakh fallback into an English text.
    with translation.override("en"):
        make_news_item(title_kk="Тек қазақша")

    assert rss_titles(get_rss(client, "en")) == []
    assert rss_titles(get_rss(client, "kk")) == ["Тек қазақша"]


def test_feed_body_is_the_sanitized_html(client, db):
    make_news_item(body_kk='<p onclick="x()">Мәтін</p><script>alert(1)</script>')

    body = get_rss(client, "kk").find("item").findtext(CONTENT_ENCODED)

    assert body == "<p>Мәтін</p>"


def test_drafts_unpublished_and_future_items_stay_out_of_feeds(client, db):
    now = timezone.now()
    make_news_item(title_kk="Жоба мәтін", status=NewsItem.Status.DRAFT, published_at=None)
    make_news_item(title_kk="Алынған", status=NewsItem.Status.UNPUBLISHED)
    make_news_item(
        title_kk="Ертеңгі",
        status=NewsItem.Status.SCHEDULED,
        published_at=now + timedelta(days=1),
    )
    make_news_item(title_kk="Болашақ", published_at=now + timedelta(hours=2))
    live = make_news_item(
        title_kk="Кестемен шыққан",
        status=NewsItem.Status.SCHEDULED,
        published_at=now - timedelta(minutes=5),
    )

    assert rss_titles(get_rss(client, "kk")) == [live.title_kk]
    assert atom_titles(get_atom(client, "kk")) == [live.title_kk]


def test_feed_holds_the_newest_thirty_items_newest_first(client, db):
    now = timezone.now()
    items = [make_news_item(published_at=now - timedelta(days=day)) for day in range(32)]

    titles = rss_titles(get_rss(client, "kk"))

    assert titles == [item.title_kk for item in items[:30]]


def test_feed_queries_do_not_grow_with_items(client, db):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            get_rss(client, "kk")
        return len(queries)

    topic = make_topic()
    make_news_item().topics.add(topic)
    few = count_queries()
    for _ in range(10):
        make_news_item().topics.add(topic, make_topic())

    assert count_queries() == few


def test_item_without_hero_image_has_no_enclosure(client, db):
    make_news_item()

    assert get_rss(client, "kk").find("item").find("enclosure") is None


def test_item_whose_image_file_is_gone_still_renders(client, db):
    make_news_item(hero_image="newsitem/2025/12/lost.jpg")

    item = get_rss(client, "kk").find("item")

    assert item is not None
    assert item.find("enclosure") is None


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_advertises_the_feeds_of_its_language(client, seeded, lang):
    response = client.get(f"/{lang}/")
    parser = LinkCollector()
    parser.feed(response.content.decode())

    feeds = {
        link["type"]: link["href"]
        for link in parser.links
        if link.get("rel") == "alternate" and "type" in link
    }
    assert feeds == {
        "application/rss+xml": f"/{lang}/feeds/news.rss",
        "application/atom+xml": f"/{lang}/feeds/news.atom",
    }
    for href in feeds.values():
        assert client.get(href).status_code == 200
