"""Issue 19, "Pages that lead somewhere": empty messages, pagination, topics, figures, the
source link, the 404 page, feeds, grouped lists and news cards."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from assembly.models import Initiative, Institution, NewsItem, Region
from tests.factories import (
    make_initiative,
    make_institution,
    make_key_figure,
    make_news_item,
    make_topic,
)
from tests.pages import fast_images, find, parse  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_images")]

LANGUAGES = ["kk", "ru", "en"]


def url(lang, name, **kwargs):
    with translation.override(lang):
        return reverse(f"assembly:{name}", kwargs=kwargs)


def object_url(lang, obj):
    with translation.override(lang):
        return obj.get_absolute_url()


def text_in(lang, message):
    with translation.override(lang):
        return translation.gettext(message)


def written_in_all(**fields):
    number = fields.pop("number", "")
    values = {}
    for lang in LANGUAGES:
        values.update(
            {
                f"title_{lang}": f"{lang} item {number}",
                f"lead_{lang}": f"{lang} lead",
                f"body_{lang}": "<p>text</p>",
            }
        )
    return make_news_item(**values, **fields)


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


# --- 5. Empty messages that are true ------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_with_only_the_lead_story_does_not_say_there_is_no_news(client, lang):
    lead = written_in_all()

    html = html_of(client.get(url(lang, "home")))

    assert getattr(lead, f"title_{lang}") in html
    assert text_in(lang, "No news in this language yet.") not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_region_without_news_says_so_and_is_not_linked_from_the_region_list(client, lang):
    region = Region.objects.get(code="ulytau")

    html = html_of(client.get(object_url(lang, region)))
    listing = html_of(client.get(url(lang, "region_list")))

    assert text_in(lang, "No news from this region yet.") in html
    assert text_in(lang, "No news in this language yet.") not in html
    assert f'href="{object_url(lang, region)}"' not in listing
    with translation.override(lang):
        assert f'<span class="count-list__empty">{region.name}</span>' in listing


# --- 6. Region, topic and institution pages: numbered pages -------------------------


def page_links(html):
    start = html.index('class="pagination"')
    block = html[start : html.index("</nav>", start)]
    return re.findall(r'<a href="\?page=(\d+)">(\d+)</a>', block)


def test_region_news_are_paginated_with_numbered_pages(client, settings):
    settings.NEWS_PER_PAGE = 3
    region = Region.objects.get(code="kyzylorda")
    for number in range(7):
        written_in_all(number=number, region=region)

    first = html_of(client.get(object_url("ru", region)))
    third = html_of(client.get(object_url("ru", region) + "?page=3"))

    assert first.count('class="card news-card') == 3
    assert page_links(first) == [("2", "2"), ("3", "3")]
    assert third.count('class="card news-card') == 1
    assert "Страница 3 из 3" in third


def test_region_news_include_items_that_only_mention_the_region(client):
    region = Region.objects.get(code="kyzylorda")
    item = written_in_all(number="mentioned")
    item.regions.add(region)

    html = html_of(client.get(object_url("en", region)))

    assert "en item mentioned" in html


def test_region_page_describes_its_regional_assembly(client):
    region = Region.objects.get(code="kyzylorda")
    make_institution(
        name_ru="Ассамблея народа Казахстана Кызылординской области",
        kind=Institution.Kind.REGIONAL_ASSEMBLY,
        region=region,
        address_ru="Кызылорда, ул. Примерная, 1",
        phone="+7 7242 00 00 00",
        email="apk@example.kz",
    )

    html = html_of(client.get(object_url("ru", region)))

    assert '<h2 id="assembly-heading">Региональная ассамблея</h2>' in html
    assert "Ассамблея народа Казахстана Кызылординской области" in html
    assert "Кызылорда, ул. Примерная, 1" in html
    assert 'href="tel:+772420000' in html
    assert 'href="mailto:apk@example.kz"' in html


def test_topic_and_institution_news_are_paginated_with_numbered_pages(client, settings):
    settings.NEWS_PER_PAGE = 2
    topic = make_topic(name_en="Youth")
    institution = make_institution(name_en="House")
    for number in range(5):
        item = written_in_all(number=number)
        item.topics.add(topic)
        item.institutions.add(institution)

    for page in (object_url("en", topic), object_url("en", institution)):
        html = html_of(client.get(page))
        assert page_links(html) == [("2", "2"), ("3", "3")], page
        assert html_of(client.get(page + "?page=3")).count('class="card news-card') == 1


# --- 7. Topics index ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topics_index_lists_topics_with_news_in_alphabetical_order(client, lang):
    names = {"kk": ("Әдебиет", "Жастар"), "ru": ("Дружба", "Язык"), "en": ("Culture", "Youth")}
    late, early = (
        make_topic(**{f"name_{lang}": names[lang][1]}),
        make_topic(**{f"name_{lang}": names[lang][0]}),
    )
    for topic in (late, early):
        written_in_all().topics.add(topic)
    quiet = make_topic(**{f"name_{lang}": "Zzz"})

    html = html_of(client.get(url(lang, "topic_list")))

    start = html.index("count-list--topics")
    listing = html[start : html.index("</ul>", start)]
    assert listing.index(names[lang][0]) < listing.index(names[lang][1])
    assert f'href="{object_url(lang, early)}"' in html
    assert f'href="{object_url(lang, quiet)}"' not in html
    assert text_in(lang, "Topics") in html


def test_topic_breadcrumb_leads_to_the_topics_index(client):
    topic = make_topic(name_en="Youth")
    written_in_all().topics.add(topic)

    assert client.get(url("en", "topic_list")).status_code == 200
    assert client.get(object_url("en", topic)).status_code == 200


# --- 8. Key figures on their article --------------------------------------------------


def test_key_figures_show_on_the_article_they_come_from_even_when_it_is_not_the_lead(client):
    item = written_in_all(number="with figures")
    make_key_figure(item, value=95, label_en="citizens call relations stable")
    written_in_all(number="newer", featured=True)

    article = html_of(client.get(object_url("en", item)))
    home = html_of(client.get(url("en", "home")))

    assert "citizens call relations stable" in article
    assert "Key figures" in article
    assert "citizens call relations stable" not in home


# --- 9. The source link ---------------------------------------------------------------


def test_admin_says_the_original_url_is_the_exact_address_of_the_report():
    help_text = str(NewsItem._meta.get_field("source_url").help_text)
    assert "exact address" in help_text
    with translation.override("ru"):
        help_text = str(NewsItem._meta.get_field("source_url").help_text)
    assert "точный адрес" in help_text.lower()


# --- 10. The 404 page -----------------------------------------------------------------


def test_404_suggests_the_article_whose_slug_starts_with_the_address(client, seeded):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    assert article.slug_ru.startswith("bolee-95-kazakhstantsev")

    response = client.get("/ru/news/bolee-95-kazakhstantsev/")

    assert response.status_code == 404
    html = response.content.decode()
    [suggested] = find(parse(response), "a", href=object_url("ru", article))
    assert suggested
    assert "Возможно, вы искали:" in html


def test_404_suggests_an_item_whose_slug_nearly_matches(client):
    item = written_in_all(number="typo")
    slug = item.slug_en
    mistyped = slug[:-2] + slug[-1] + slug[-2]

    response = client.get(f"/en/news/{mistyped}/")

    assert response.status_code == 404
    assert find(parse(response), "a", href=object_url("en", item))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_has_the_site_header_and_a_search_prefilled_from_the_address(client, lang):
    response = client.get(f"/{lang}/news/druzhba-narodov-2025/")

    assert response.status_code == 404
    html = response.content.decode()
    page = parse(response)
    assert 'class="lang-switcher"' in html
    assert 'class="site-header"' in html
    [box] = find(page, "input", id="not-found-q")
    assert box["value"] == "druzhba narodov 2025"
    assert text_in(lang, "Page not found") in html
    assert response["X-Request-ID"] not in html
    assert text_in(lang, "Request ID") not in html


def test_404_without_a_match_offers_no_suggestion(client):
    response = client.get("/en/news/qqqqqqqq-zzzzzzz/")

    assert response.status_code == 404
    assert "Perhaps you meant" not in response.content.decode()


# --- 11. Feeds ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_page_explains_subscribing_in_the_page_language(client, lang):
    topic = make_topic(**{f"name_{lang}": "Topic of the feed"})

    html = html_of(client.get(url(lang, "feeds")))

    assert text_in(lang, "How to subscribe") in html
    assert f'href="{url(lang, "news_feed_rss")}"' in html
    assert f'href="{url(lang, "topic_feed", slug=topic.slug)}"' in html
    assert f'href="{url(lang, "region_feed", code="kyzylorda")}"' in html


def test_footer_feed_link_leads_to_the_feeds_page(client):
    html = html_of(client.get(url("en", "home")))
    assert f'href="{url("en", "feeds")}"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rss_feed_names_its_stylesheet_and_carries_the_words_it_shows(client, lang):
    response = client.get(url(lang, "news_feed_rss"))

    body = response.content.decode()
    assert re.search(r'<\?xml-stylesheet href="[^"]*feeds/feed\.xsl"[^>]* type="text/xsl"', body)
    channel = ET.fromstring(response.content).find("channel")
    # The page the stylesheet makes takes its look from a static file (no inline style).
    assert channel.findtext("{https://assembly.kz/ns/feed}css").endswith(".css")
    about = channel.findtext("{https://assembly.kz/ns/feed}about")
    with translation.override(lang):
        assert about == translation.gettext(
            "This is a news feed. Copy its address into a feed reader (such as Feedly, "
            "Inoreader or NetNewsWire) to get every new item as it is published."
        )


def test_feed_stylesheet_is_a_static_xslt_file():
    path = Path(settings.BASE_DIR) / "static" / "feeds" / "feed.xsl"
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"


def feed_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def test_topic_feed_lists_only_that_topics_news(client):
    topic = make_topic(name_en="Youth")
    on_topic = written_in_all(number="on topic")
    on_topic.topics.add(topic)
    written_in_all(number="elsewhere")

    titles = feed_titles(client.get(url("en", "topic_feed", slug=topic.slug_en)))

    assert titles == ["en item on topic"]


def test_region_feed_lists_news_of_the_region_and_those_mentioning_it(client):
    region = Region.objects.get(code="kyzylorda")
    written_in_all(number="main", region=region)
    written_in_all(number="mentions").regions.add(region)
    written_in_all(number="elsewhere")

    titles = feed_titles(client.get(url("ru", "region_feed", code="kyzylorda")))

    assert sorted(titles) == ["ru item main", "ru item mentions"]


@pytest.mark.parametrize(
    "address", ["/en/feeds/topics/no-such-topic.rss", "/en/feeds/regions/atlantis.rss"]
)
def test_feed_of_an_unknown_topic_or_region_is_not_found(client, address):
    assert client.get(address).status_code == 404


# --- 12. Institutions and initiatives grouped by kind ---------------------------------


def headings(html):
    return re.findall(r'<h2 id="kind-\d+" class="kind-group__title">([^<]+)</h2>', html)


def titles_in_order(html, section):
    return re.findall(rf'<a href="/\w\w/{section}/[^"]+">([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("ru", ["Ассамблея", "Жамбыл", "Запад", "Юг"]),
        ("kk", ["Абай", "Әділет", "Бірлік", "Шығыс"]),
        ("en", ["Abai", "Jambyl", "Ulytau", "West"]),
    ],
)
def test_institutions_are_grouped_by_kind_and_alphabetical_within_a_kind(client, lang, names):
    for name in reversed(names):
        make_institution(**{f"name_{lang}": name}, kind=Institution.Kind.FRIENDSHIP_HOUSE)
    make_institution(**{f"name_{lang}": "Council"}, kind=Institution.Kind.COUNCIL)

    html = html_of(client.get(url(lang, "institution_list")))

    with translation.override(lang):
        expected = [
            str(Institution.Kind.FRIENDSHIP_HOUSE.label),
            str(Institution.Kind.COUNCIL.label),
        ]
    assert [h.lower() for h in headings(html)] == [h.lower() for h in expected]
    assert all(h[0].isupper() for h in headings(html))
    assert titles_in_order(html, "institutions")[: len(names)] == names


def test_initiatives_are_grouped_by_kind_and_can_be_filtered_by_kind(client):
    youth = make_initiative(name_en="Youth camp", kind=Initiative.Kind.YOUTH)
    science = make_initiative(name_en="Survey", kind=Initiative.Kind.SCIENCE)

    everything = html_of(client.get(url("en", "initiative_list")))
    filtered = html_of(client.get(url("en", "initiative_list") + "?kind=science"))

    assert headings(everything) == ["Youth", "Science"]
    assert f'href="{object_url("en", youth)}"' in everything
    assert f'href="{object_url("en", science)}"' in filtered
    assert f'href="{object_url("en", youth)}"' not in filtered
    assert '<select name="kind"' in filtered


@pytest.mark.parametrize("query", ["?kind=nonsense", "?status=%3Cscript%3E"])
def test_unknown_initiative_filter_is_ignored_and_said(client, query):
    initiative = make_initiative(name_en="Youth camp")

    html = html_of(client.get(url("en", "initiative_list") + query))

    assert f'href="{object_url("en", initiative)}"' in html
    assert "Unknown value, ignored." in html
    assert "<script>" not in html


def test_initiative_filter_is_kept_by_the_page_cache(client, settings):
    settings.CACHE_PAGES = True
    make_initiative(name_en="Youth camp", kind=Initiative.Kind.YOUTH)
    science = make_initiative(name_en="Survey", kind=Initiative.Kind.SCIENCE)

    client.get(url("en", "initiative_list"))
    filtered = html_of(client.get(url("en", "initiative_list") + "?kind=science"))

    assert "Youth camp" not in filtered
    assert f'href="{object_url("en", science)}"' in filtered


# --- 13. News cards -------------------------------------------------------------------


def test_news_card_shows_the_image_with_its_size_and_the_time(client, seeded):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")

    response = client.get(url("en", "news_list"))
    html = html_of(response)

    start = html.index('class="card news-card news-card--image"')
    card = html[start : html.index("</article>", start)]
    assert article.title_en in card
    img = re.search(r"<img [^>]*>", card).group(0)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    # The list's first card image is the largest paint on a phone: fetched first, not lazily.
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert "19 December 2025, 12:00</time>" in card


def test_news_cards_below_other_content_load_their_images_lazily(client, seeded):
    topic = NewsItem.objects.get(seed_key="kazinform-2025-12-19").topics.first()

    html = html_of(client.get(object_url("en", topic)))

    start = html.index('class="card news-card news-card--image"')
    img = re.search(r"<img [^>]*>", html[start:]).group(0)
    assert 'loading="lazy"' in img and "fetchpriority" not in img


def test_lead_story_without_an_image_takes_the_whole_width(client):
    written_in_all(number="plain", featured=True)

    html = html_of(client.get(url("en", "home")))

    assert 'class="lead-story lead-story--text"' in html
    assert 'class="lead-story__media"' not in html


def test_item_changed_after_publication_says_updated(client):
    item = written_in_all(number="changed")
    earlier = timezone.now() - timedelta(days=2)
    NewsItem.objects.filter(pk=item.pk).update(published_at=earlier)
    fresh = written_in_all(number="fresh", published_at=timezone.now())

    listing = html_of(client.get(url("ru", "news_list")))
    article = html_of(client.get(object_url("ru", item)))

    assert listing.count("обновлено") == 1
    assert "обновлено" in article
    assert "обновлено" not in html_of(client.get(object_url("ru", fresh)))
