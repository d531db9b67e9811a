import gzip
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from assembly import images
from assembly.models import Initiative, Institution, NewsItem, Region, Topic
from assembly.templatetags.assembly_tags import figure_number
from tests.factories import make_initiative, make_institution, make_news_item, make_topic
from tests.pages import fast_images, find, json_ld_of_type, meta, parse  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_images")

LANGUAGES = ["kk", "ru", "en"]
STATIC = Path(settings.BASE_DIR) / "static"


def url(lang, name, **kwargs):
    with translation.override(lang):
        return reverse(f"assembly:{name}", kwargs=kwargs)


def object_url(lang, obj):
    with translation.override(lang):
        return obj.get_absolute_url()


@pytest.fixture
def article(seeded):
    return NewsItem.objects.get(seed_key="kazinform-2025-12-19")


def page_urls(lang):
    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    return {
        "home": url(lang, "home"),
        "news list": url(lang, "news_list"),
        "year archive": url(lang, "news_year", year=2025),
        "month archive": url(lang, "news_month", year=2025, month=12),
        "article": object_url(lang, article),
        "topic": object_url(lang, Topic.objects.get(seed_key="youth")),
        "initiative list": url(lang, "initiative_list"),
        "initiative": object_url(lang, Initiative.objects.get(seed_key="jomart-jan-assistance")),
        "institution list": url(lang, "institution_list"),
        "institution": object_url(lang, Institution.objects.get(seed_key="friendship-houses")),
        "region list": url(lang, "region_list"),
        "region": object_url(lang, Region.objects.get(code="atyrau")),
        "about": url(lang, "about"),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_renders_in_every_language(client, seeded, lang):
    # One test per language: loading the seed content is the slow part.
    for page_type, address in page_urls(lang).items():
        assert address.startswith(f"/{lang}/"), page_type

        response = client.get(address)

        assert response.status_code == 200, page_type
        page = parse(response)
        assert find(page, "html", lang=lang), page_type
        assert find(page, "main", id="main"), page_type
        assert find(page, "a", href="#main"), page_type
        assert find(page, "link", rel="canonical"), page_type
        og_locale = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}[lang]
        assert meta(response, property="og:locale") == [og_locale], page_type
        assert not meta(response, name="robots"), page_type


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "19 желтоқсан 2025 ж."), ("ru", "19 декабря 2025 г."), ("en", "19 December 2025")],
)
def test_article_date_is_written_the_way_each_language_writes_it(client, article, lang, expected):
    response = client.get(object_url(lang, article))

    # The date as each language writes it, then the time of publication.
    html = response.content.decode()
    assert f'<time datetime="2025-12-19T12:00+05:00">{expected}, 12:00</time>' in html


def written_date(value, lang, format_name="DATE_FORMAT"):
    """``value`` as a template writes it with the ``date`` filter in ``lang``."""
    template = Template(f'{{{{ value|date:"{format_name}" }}}}')
    with translation.override(lang):
        return template.render(Context({"value": value}))


def test_date_filter_spells_every_kazakh_month_in_lowercase():
    months = [written_date(date(2025, month, 1), "kk").split()[1] for month in range(1, 13)]

    assert months[0] == "қаңтар" and months[11] == "желтоқсан"
    assert all(month == month.lower() for month in months)


def test_date_filter_uses_local_time_for_aware_datetimes():
    late_evening_utc = datetime(2025, 12, 18, 20, 0, tzinfo=ZoneInfo("UTC"))

    assert written_date(late_evening_utc, "ru") == "19 декабря 2025 г."


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "2025 ж. желтоқсан"), ("ru", "Декабрь 2025 г."), ("en", "December 2025")],
)
def test_month_heading_is_localized(lang, expected):
    assert written_date(date(2025, 12, 1), lang, "YEAR_MONTH_FORMAT") == expected


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("ru", "305000000", "305\u00a0000\u00a0000"),
        ("kk", "3000000", "3\u00a0000\u00a0000"),
        ("ru", "1000", "1000"),
        ("kk", "1000", "1000"),
        ("en", "1000", "1,000"),
        ("en", "3000000", "3,000,000"),
        ("ru", "2.5", "2,5"),
        ("en", "2.5", "2.5"),
    ],
)
def test_key_figure_numbers_are_grouped_per_language(lang, value, expected):
    assert figure_number(value, lang) == expected


def test_article_names_the_agency_without_linking_its_home_page_as_the_original(client, article):
    response = client.get(object_url("en", article))
    html = response.content.decode()

    assert "Source: Kazinform, 19 December 2025" in html
    assert not find(parse(response), "a", href="https://www.inform.kz/")
    assert "original report" not in html
    assert "Astana" in html


def test_article_links_the_original_report_when_its_exact_address_is_held(client, article):
    report = "https://www.inform.kz/ru/bolee-95-kazahstancev_a4321"
    NewsItem.objects.filter(pk=article.pk).update(source_url=report)

    response = client.get(object_url("en", article))

    assert find(parse(response), "a", href=report)
    assert "original report" in response.content.decode()
    [data] = json_ld_of_type(response, "NewsArticle")
    assert data["isBasedOn"]["url"] == report


def test_article_hero_is_responsive_with_webp_and_jpeg(client, article, monkeypatch):
    monkeypatch.setattr(images, "RENDITION_WIDTHS", (480, 1600))
    # Renditions are made when an image is saved, in the widths in force then.
    images.make_renditions(article.hero_image)
    page = parse(client.get(object_url("en", article)))

    webp = find(page, "source", type="image/webp")
    jpeg = find(page, "source", type="image/jpeg")
    image = [img for img in find(page, "img") if img.get("alt", "").startswith("A golden sun")]
    assert webp and ".webp 480w" in webp[0]["srcset"] and webp[0]["sizes"]
    assert jpeg and ".jpg 1600w" in jpeg[0]["srcset"]
    assert image and image[0]["width"] == "1600" and image[0]["height"] == "900"


def test_article_with_a_lost_image_file_still_renders(client, db):
    item = make_news_item(hero_image="newsitem/gone.png", hero_alt_kk="Сурет")

    response = client.get(object_url("kk", item))

    assert response.status_code == 200
    assert not find(parse(response), "picture")


def test_article_shows_caption_credit_topics_and_mentions(client, article):
    html = client.get(object_url("en", article)).content.decode()

    assert "Unity and accord" in html
    assert "Illustration: site editors" in html
    assert object_url("en", Topic.objects.get(seed_key="youth")) in html
    assert object_url("en", Institution.objects.get(seed_key="friendship-houses")) in html
    assert object_url("en", Initiative.objects.get(seed_key="jomart-jan-assistance")) in html


def test_article_share_links_need_no_third_party_script(client, article):
    response = client.get(object_url("en", article))
    page = parse(response)

    hrefs = [link.get("href", "") for link in find(page, "a")]
    assert any(href.startswith("https://t.me/share/url?") for href in hrefs)
    assert any(href.startswith("mailto:?subject=") for href in hrefs)
    external_scripts = [s for s in find(page, "script") if "://" in s.get("src", "")]
    assert external_scripts == []


def test_related_news_share_a_topic(client, article):
    youth = Topic.objects.get(seed_key="youth")
    related = make_news_item(title_en="Youth forum", lead_en="Lead", body_en="<p>Body</p>")
    related.topics.add(youth)
    unrelated = make_news_item(title_en="Weather", lead_en="Lead", body_en="<p>Body</p>")

    html = client.get(object_url("en", article)).content.decode()

    assert "Youth forum" in html
    assert "Weather" not in html
    assert unrelated.pk


def test_article_json_ld_describes_a_news_article(client, article):
    response = client.get(object_url("ru", article))

    [data] = json_ld_of_type(response, "NewsArticle")
    assert data["headline"] == article.title_ru
    assert data["inLanguage"] == "ru"
    assert data["datePublished"].startswith("2025-12-19")
    assert data["dateModified"]
    assert data["publisher"]["name"]
    assert data["image"][0].startswith("http://testserver/")
    # The agency's home page is not the report it is based on.
    assert "isBasedOn" not in data
    [crumbs] = json_ld_of_type(response, "BreadcrumbList")
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][-1]["item"].endswith(object_url("ru", article))


def test_home_json_ld_names_the_organization(client, seeded):
    [organization] = json_ld_of_type(client.get(url("en", "home")), "Organization")

    assert organization["name"] == "Assembly of People of Kazakhstan"
    assert organization["url"] == "http://testserver/"


def test_json_ld_cannot_close_its_script_element(client, db):
    item = make_news_item(title_kk="</script><script>alert(1)</script>")

    html = client.get(object_url("kk", item)).content.decode()

    head = html[: html.index("</head>")]
    assert "<script>alert(1)" not in head
    assert "\\u003c/script\\u003e" in head


def test_home_shows_lead_story_figures_initiatives_kinds_and_regions(client, article):
    response = client.get(url("en", "home"))
    html = response.content.decode()

    assert article.title_en in html
    assert "Key figures" in html and "95" in html
    assert object_url("en", Initiative.objects.get(seed_key="jomart-jan-assistance")) in html
    assert (
        reverse("assembly:institution_list") + "?kind=friendship_house"
        in html.replace("/en/", "/kk/")
        or "/en/institutions/?kind=friendship_house" in html
    )
    assert object_url("en", Region.objects.get(code="atyrau")) in html


def test_news_list_shows_only_news_written_in_its_language(client, db):
    make_news_item(title_kk="Тек қазақша жаңалық")
    make_news_item(
        title_kk="Екі тілде", title_en="In two languages", lead_en="Lead", body_en="<p>B</p>"
    )

    english = client.get(url("en", "news_list")).content.decode()
    kazakh = client.get(url("kk", "news_list")).content.decode()

    assert "In two languages" in english and "Тек қазақша" not in english
    assert "Тек қазақша жаңалық" in kazakh


def test_news_list_is_paginated(client, db, settings):
    settings.NEWS_PER_PAGE = 2
    for _number in range(5):
        make_news_item()

    first = client.get(url("kk", "news_list"))
    third = client.get(url("kk", "news_list") + "?page=3")

    assert find(parse(first), "a", rel="next")
    assert third.status_code == 200
    assert client.get(url("kk", "news_list") + "?page=9").status_code == 404
    assert client.get(url("kk", "news_list") + "?page=abc").status_code == 404


def test_unpublished_news_is_not_shown(client, db):
    draft = make_news_item(title_kk="Жоба мәтін", status=NewsItem.Status.DRAFT, published_at=None)

    assert "Жоба мәтін" not in client.get(url("kk", "news_list")).content.decode()
    assert client.get(object_url("kk", draft)).status_code == 404


def test_month_archive_lists_that_month_only(client, db):
    almaty = ZoneInfo("Asia/Almaty")
    make_news_item(title_kk="Қараша", published_at=datetime(2025, 11, 5, 10, tzinfo=almaty))
    make_news_item(title_kk="Желтоқсан", published_at=datetime(2025, 12, 5, 10, tzinfo=almaty))

    html = client.get(url("kk", "news_month", year=2025, month=11)).content.decode()

    assert "Қараша" in html and ">Желтоқсан<" not in html


def test_empty_archives_are_not_found(client, db):
    assert client.get(url("kk", "news_year", year=1999)).status_code == 404
    assert client.get(url("kk", "news_month", year=2025, month=13)).status_code == 404


def test_topic_page_lists_its_news(client, db):
    topic = make_topic(name_en="Culture")
    item = make_news_item(title_en="Theatre week", lead_en="L", body_en="<p>B</p>")
    item.topics.add(topic)

    html = client.get(object_url("en", topic)).content.decode()

    assert "Theatre week" in html


def test_institution_detail_shows_parent_children_figures_and_news(client, article):
    houses = Institution.objects.get(seed_key="friendship-houses")

    html = client.get(object_url("en", houses)).content.decode()

    assert object_url("en", houses.parent) in html
    assert object_url("en", houses) in client.get(object_url("en", houses.parent)).content.decode()
    assert "operating in the regions" in html  # its key figure
    assert article.title_en in html


def test_region_page_lists_its_institutions_and_news(client, article):
    atyrau = Region.objects.get(code="atyrau")

    html = client.get(object_url("ru", atyrau)).content.decode()

    assert Institution.objects.get(seed_key="friendship-house-atyrau").name_ru in html
    assert article.title_ru in html


def test_about_page_is_built_from_the_assembly_record(client, article):
    assembly = Institution.objects.get(seed_key="apk")

    html = client.get(url("ru", "about")).content.decode()

    assert assembly.name_ru in html
    assert "1000" in html or "50" in html
    assert object_url("ru", article) in html


class TestInstitutionFilters:
    def names(self, client, query):
        response = client.get(url("en", "institution_list") + query)
        assert response.status_code == 200
        page = parse(response)
        return response, [a["href"] for a in find(page, "a") if "/en/institutions/" in a["href"]]

    def test_filter_by_kind(self, client, db):
        house = make_institution(name_en="House", kind=Institution.Kind.FRIENDSHIP_HOUSE)
        club = make_institution(name_en="Club", kind=Institution.Kind.CLUB)

        _response, links = self.names(client, "?kind=club")

        assert object_url("en", club) in links and object_url("en", house) not in links

    def test_filter_by_level_and_region(self, client, db):
        atyrau = Region.objects.get(code="atyrau")
        here = make_institution(level=Institution.Level.CITY, region=atyrau)
        elsewhere = make_institution(level=Institution.Level.CITY)

        _response, links = self.names(client, "?level=city&region=atyrau")

        assert object_url("en", here) in links and object_url("en", elsewhere) not in links

    @pytest.mark.parametrize(
        "query",
        ["?kind=nonsense", "?level=%00", "?region=nowhere", "?kind=", "?page=x"],
    )
    def test_unknown_values_are_ignored_not_an_error(self, client, db, query):
        listed = make_institution(kind=Institution.Kind.CLUB)

        response = client.get(url("en", "institution_list") + query)

        # A NUL byte is refused (400) before the view by the hardening middleware.
        assert response.status_code in (200, 400, 404)
        if "page" not in query and "%00" not in query:
            assert response.status_code == 200
            assert object_url("en", listed) in response.content.decode()


def test_old_slug_redirects_permanently_after_the_title_changes(client, db):
    item = make_news_item(title_en="First title", lead_en="L", body_en="<p>B</p>")
    old = object_url("en", item)
    item.slug_en = None
    item.title_en = "Second title"
    item.save()

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == object_url("en", item) == "/en/news/second-title/"


def test_old_slug_of_an_institution_redirects(client, db):
    institution = make_institution(name_ru="Старое имя")
    old = object_url("ru", institution)
    institution.slug_ru = "novoe-imia"
    institution.save()

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == "/ru/institutions/novoe-imia/"


def test_a_slug_taken_again_stops_redirecting(client, db):
    first = make_topic(slug_kk="ortaq")
    first.slug_kk = "jana"
    first.save()
    second = make_topic(slug_kk="ortaq")

    response = client.get(object_url("kk", second))

    assert response.status_code == 200


def test_unknown_slug_is_not_found(client, db):
    assert client.get("/kk/news/no-such-item/").status_code == 404


def query_count(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["news_list", "home", "institution_list", "region_list"])
def test_query_count_does_not_grow_with_the_number_of_items(client, db, page):
    topic = make_topic()
    for _number in range(2):
        make_news_item().topics.add(topic)
        make_institution()
    few = query_count(client, url("kk", page))
    for _number in range(6):
        make_news_item().topics.add(topic)
        make_institution()
    many = query_count(client, url("kk", page))

    assert many == few


def test_article_query_count_does_not_grow_with_its_links(client, db):
    item = make_news_item()
    item.topics.add(make_topic())
    item.institutions.add(make_institution())
    few = query_count(client, object_url("kk", item))
    item.topics.add(*[make_topic() for _number in range(4)])
    item.institutions.add(*[make_institution() for _number in range(4)])
    item.initiatives.add(*[make_initiative() for _number in range(4)])
    many = query_count(client, object_url("kk", item))

    assert many == few


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=9))


def test_article_page_css_and_js_fit_the_budget(client, article):
    html = client.get(object_url("kk", article)).content

    assert gzip_size(html) <= 50 * 1024
    assert gzip_size((STATIC / "css" / "site.css").read_bytes()) <= 30 * 1024
    scripts = sum(gzip_size(path.read_bytes()) for path in (STATIC / "js").glob("*.js"))
    assert scripts <= 10 * 1024


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_preloaded_fonts_are_the_files_the_pages_stylesheet_names(client, article, lang):
    # Another address for the same file would download it twice on a slow phone.
    html = client.get(object_url(lang, article)).content.decode()
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font"', html)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)

    assert preloads
    assert [href for href in preloads if f'url("{href}")' not in style] == []


def test_no_script_blocks_rendering(client, article):
    page = parse(client.get(object_url("en", article)))

    for script in find(page, "script"):
        if script.get("type") == "application/ld+json":
            continue
        assert script.get("type") == "module" or "defer" in script or "async" in script


def test_pages_have_no_inline_style_or_script(client, article):
    html = client.get(object_url("en", article)).content.decode()
    page = parse(client.get(object_url("en", article)))

    assert " style=" not in html
    assert all(
        script.get("src") or script.get("type") == "application/ld+json"
        for script in find(page, "script")
    )


def test_future_scheduled_news_stays_hidden(client, db):
    item = make_news_item(
        status=NewsItem.Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1)
    )

    assert client.get(object_url("kk", item)).status_code == 404


def test_favicon_ico_points_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def region_names(html):
    start = html.index("count-list--regions")
    block = html[start : html.index("</ul>", start)]
    # A region with nothing to show is named without a link.
    return re.findall(r'(?:<a href="[^"]*"|<span class="count-list__empty")>([^<]+)</', block)


def menu_names(html, name):
    start = html.index(f'<select name="{name}"')
    block = html[start : html.index("</select>", start)]
    return re.findall(r"<option [^>]*>([^<]+)</option>", block)


@pytest.mark.parametrize(
    ("lang", "ordered"),
    [
        (
            "ru",
            [
                "Восточно-Казахстанская область",
                "Жамбылская область",
                "Западно-Казахстанская область",
            ],
        ),
        ("kk", ["Абай облысы", "Ақмола облысы", "Ақтөбе облысы"]),
        ("kk", ["Түркістан облысы", "Ұлытау облысы", "Шығыс Қазақстан облысы"]),
        ("en", ["Abai Region", "Akmola Region", "Aktobe Region", "Almaty Region"]),
        ("en", ["East Kazakhstan Region", "Jambyl Region", "Jetisu Region"]),
    ],
)
def test_region_list_is_in_the_alphabetical_order_of_the_page_language(client, db, lang, ordered):
    names = region_names(client.get(url(lang, "region_list")).content.decode())
    assert len(names) == 20
    positions = [names.index(name) for name in ordered]
    assert positions == sorted(positions)
    with translation.override(lang):
        cities = {region.name for region in Region.objects.filter(kind=Region.Kind.CITY)}
    assert set(names[:3]) == cities


@pytest.mark.parametrize("lang", LANGUAGES)
def test_region_filter_menu_is_in_the_page_language_order(client, db, lang):
    menu = menu_names(client.get(url(lang, "news_list")).content.decode(), "region")
    names = region_names(client.get(url(lang, "region_list")).content.decode())
    assert menu[1:] == names


def test_news_list_filters_by_region(client, db):
    region = Region.objects.get(code="kyzylorda")
    ru = {"lead_ru": "Кратко", "body_ru": "<p>Текст</p>"}
    local = make_news_item(title_ru="Форум в Кызылорде", region=region, **ru)
    mentioned = make_news_item(title_ru="Встреча областей", **ru)
    mentioned.regions.add(region)
    make_news_item(title_ru="Новости Астаны", **ru)

    html = client.get(url("ru", "news_list"), {"region": "kyzylorda"}).content.decode()

    assert local.title_ru in html
    assert mentioned.title_ru in html
    assert "Новости Астаны" not in html
    assert 'value="kyzylorda" selected' in html


def test_news_list_filters_by_topic_and_dates(client, db):
    topic = make_topic(name_kk="Мәдениет", slug_kk="madeniet")
    now = timezone.now()
    tagged = make_news_item(title_kk="Театр апталығы", published_at=now - timedelta(days=3))
    tagged.topics.add(topic)
    old = make_news_item(title_kk="Ескі мереке", published_at=now - timedelta(days=300))
    old.topics.add(topic)
    make_news_item(title_kk="Спорт жарысы", published_at=now - timedelta(days=2))

    by_topic = client.get(url("kk", "news_list"), {"topic": "madeniet"}).content.decode()
    since = (now - timedelta(days=30)).date().isoformat()
    recent = client.get(url("kk", "news_list"), {"topic": "madeniet", "from": since})

    assert "Театр апталығы" in by_topic and "Ескі мереке" in by_topic
    assert "Спорт жарысы" not in by_topic
    assert "Театр апталығы" in recent.content.decode()
    assert "Ескі мереке" not in recent.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"topic": "<script>"},
        {"from": "yesterday"},
        {"to": "2025-02-30"},
    ],
)
def test_news_list_bad_filter_is_ignored_and_said(client, db, params):
    make_news_item(title_en="Friendship week", lead_en="L", body_en="<p>B</p>")
    response = client.get(url("en", "news_list"), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "ignored" in html
    assert "Friendship week" in html
    assert "<script>" not in html


def test_news_list_filtered_to_nothing_says_so(client, db):
    make_news_item(title_en="Friendship week", lead_en="L", body_en="<p>B</p>")
    html = client.get(url("en", "news_list"), {"region": "kyzylorda"}).content.decode()
    assert "No news match these filters." in html
    assert "Friendship week" not in html


@pytest.mark.parametrize("params", [{"from": "0001-01-01"}, {"to": "9999-12-31"}])
def test_news_list_dates_at_the_ends_of_the_calendar_are_ignored_and_said(client, db, params):
    make_news_item(title_en="Friendship week", lead_en="L", body_en="<p>B</p>")
    response = client.get(url("en", "news_list"), params)
    assert response.status_code == 200
    assert "Out of range, ignored." in response.content.decode()
    assert "Friendship week" in response.content.decode()


@pytest.mark.parametrize("params", [{"topic": "a\x00b"}, {"region": "\x00"}, {"from": "\x00"}])
def test_filter_values_with_a_nul_are_refused_not_a_server_error(client, db, params):
    assert client.get(url("en", "news_list"), params).status_code == 400
