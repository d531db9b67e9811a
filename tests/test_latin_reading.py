"""Kazakh in Latin script for readers: the /kk-latn/ pages (issue 16)."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from assembly.models import Institution, NewsItem
from tests.factories import make_news_item
from tests.pages import fast_images, hreflangs, parse  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_images")

ORIGIN = "http://testserver"
CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
# The article's first paragraph (its lead), as /kk-latn/ shows it.
FIRST_PARAGRAPH = (
    "Qazaqstan azamattarynyñ 95%-dan astamy eldegı etnosaralyq qatynastardyñ ahualyn tūraqty "
    "ärı qolaily dep sanaidy. Būl – 2025 jylğy äleumettık saualnama nätijesı ğana emes, "
    "sonymen qatar qoğamdyq kelısımdı nyğaituğa, etnosaralyq qatynastardy damytuğa jäne osy "
    "bağyttağy memlekettık saiasatqa degen senımdı arttyruğa negızdelgen jüielı jūmystyñ "
    "jemısı."
)


def url(name, lang="kk-latn", **kwargs):
    with translation.override(lang):
        return reverse(f"assembly:{name}", kwargs=kwargs or None)


def url_in(lang, obj):
    with translation.override(lang):
        return obj.get_absolute_url()


@pytest.fixture
def article(seeded):
    return NewsItem.objects.get(seed_key="kazinform-2025-12-19")


class ReadText(HTMLParser):
    """Every text and attribute value a reader or a screen reader meets, with where it is.

    Left out: elements in another language (lang="ru", ...), the links that name the Cyrillic
    page in its own script (hreflang="kk"), and addresses.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.found = []

    def skipped(self):
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        skip = (lang is not None and lang != "kk-Latn") or attributes.get("hreflang") == "kk"
        if tag not in {"meta", "link", "img", "input", "br", "hr", "source"}:
            self.stack.append((tag, skip))
        if self.skipped() or skip:
            return
        for name, value in attrs:
            if value and name not in {"href", "src", "srcset", "action"}:
                self.found.append((f"<{tag} {name}>", value))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.skipped():
            self.found.append((self.stack[-1][0] if self.stack else "", data))


def cyrillic_left(html):
    reader = ReadText()
    reader.feed(html)
    return [(where, text.strip()) for where, text in reader.found if CYRILLIC.search(text)]


def test_the_articles_first_paragraph_reads_in_latin_letter_for_letter(client, article):
    response = client.get(url_in("kk-latn", article))

    assert response.status_code == 200
    content = response.content.decode()
    assert FIRST_PARAGRAPH in " ".join(content.split())
    # The title's number keeps its no-break space (assembly/typography.py).
    assert (
        '<h1 class="article__title">Qazaqstandyqtardyñ 95%\u00a0astamy eldegı etnosaralyq '
        "qatynastardy tūraqty dep sanaidy</h1>" in content
    )


def test_the_article_page_has_the_same_slug_as_the_kazakh_one(client, article):
    assert url_in("kk-latn", article) == url_in("kk", article).replace("/kk/", "/kk-latn/", 1)


def test_every_interface_string_of_the_article_page_is_latin(client, article):
    content = client.get(url_in("kk-latn", article)).content.decode()

    assert cyrillic_left(content) == []
    # What the interface says, in Latin: the menu, the date, a key figure.
    assert "Jañalyqtar" in content
    assert "19 jeltoqsan 2025" in content
    assert '<html lang="kk-Latn"' in content


def test_every_page_of_the_site_is_latin(client, article):
    institution = Institution.objects.published().first()
    pages = [
        url("home"),
        url("news_list"),
        url("feeds"),
        url("topic_list"),
        url("initiative_list"),
        url("institution_list"),
        url("region_list"),
        url("about"),
        url_in("kk-latn", institution),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert cyrillic_left(response.content.decode()) == [], page


def test_the_error_page_is_latin(client, db):
    response = client.get("/kk-latn/news/no-such-article/")

    assert response.status_code == 404
    assert cyrillic_left(response.content.decode()) == []
    assert '<html lang="kk-Latn"' in response.content.decode()


def test_text_in_another_language_stays_in_its_script(client, db):
    item = make_news_item(
        title_kk="Жиын",
        body_kk='<p>Ол <span lang="ru">Ассамблея народа</span> деп жазды: info@assembly.kz</p>',
    )

    content = client.get(url_in("kk-latn", item)).content.decode()

    assert 'Ol <span lang="ru">Ассамблея народа</span> dep jazdy: info@assembly.kz' in content


def test_the_switcher_offers_the_latin_reading_and_keeps_the_cyrillic_name(client, article):
    page = parse(client.get(url_in("kk", article)))
    links = {a["hreflang"]: a for tag, a in page.tags if tag == "a" and "data-lang" in a}
    assert links["kk-Latn"]["href"] == url_in("kk-latn", article)

    content = client.get(url_in("kk-latn", article)).content.decode()
    assert ">Qazaqşa (latyn)</a>" in content
    # The link back to Cyrillic names it in Cyrillic.
    assert f'<a href="{url_in("kk", article)}" hreflang="kk" lang="kk"' in content
    assert ">Қазақ</a>" in content


@pytest.mark.parametrize("lang", ["kk", "ru", "en", "kk-latn"])
def test_hreflang_cluster_names_the_latin_reading_from_every_page(client, article, lang):
    links = hreflangs(client.get(url_in(lang, article)))

    assert links == {
        "kk": ORIGIN + url_in("kk", article),
        "ru": ORIGIN + url_in("ru", article),
        "en": ORIGIN + url_in("en", article),
        "kk-Latn": ORIGIN + url_in("kk-latn", article),
        "x-default": ORIGIN + url_in("kk", article),
    }


def test_sitemap_lists_the_latin_reading_with_its_alternates(client, article):
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    entries = {
        u.findtext("sm:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in u.findall("x:link", ns)
        }
        for u in root.findall("sm:url", ns)
    }

    latin = ORIGIN + url_in("kk-latn", article)
    assert latin in entries
    assert entries[latin]["kk-Latn"] == latin
    assert entries[ORIGIN + url_in("ru", article)]["kk-Latn"] == latin


def test_rss_and_atom_feeds_are_latin(client, article):
    rss = client.get(url("news_feed_rss"))
    atom = client.get(url("news_feed_atom"))

    for response in (rss, atom):
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        texts = " ".join(root.itertext())
        assert "Qazaqstandyqtardyñ 95% astamy" in texts
        assert CYRILLIC.findall(texts) == []
    assert f"<link>{ORIGIN}{url_in('kk-latn', article)}</link>" in rss.content.decode()
    assert "<language>kk-Latn</language>" in rss.content.decode()


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "/kk/"),
        ("kk", "/kk/"),
        ("kk-KZ,kk;q=0.9", "/kk/"),
        ("ru", "/ru/"),
        ("kk-Latn", "/kk-latn/"),
    ],
)
def test_root_sends_a_reader_to_latin_only_when_asked_for_kk_latn(client, db, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_a_save_shows_in_both_scripts_at_the_next_request(client, db):
    item = make_news_item(title_kk="Бірінші жаңалық")
    for lang in ("kk", "kk-latn"):
        client.get(url("news_list", lang))
    assert client.get(url("news_list"))["X-Page-Cache"] == "hit"
    assert "Bırınşı jañalyq" in client.get(url("news_list")).content.decode()

    item.title_kk = "Түзетілген тақырып"
    item.save()

    assert "Түзетілген тақырып" in client.get(url("news_list", "kk")).content.decode()
    latin = client.get(url("news_list"))
    assert latin["X-Page-Cache"] == "miss"
    assert "Tüzetılgen taqyryp" in latin.content.decode()
    assert "Bırınşı jañalyq" not in latin.content.decode()


def test_the_cache_keeps_the_latin_page(client, db):
    make_news_item(title_kk="Бірінші жаңалық")
    first = client.get(url("news_list"))
    second = client.get(url("news_list"))

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Bırınşı jañalyq" in second.content.decode()
    # Tagged as the Cyrillic page is, so a purge of the frontend caches covers both.
    cyrillic = client.get(url("news_list", "kk"))
    assert cyrillic["X-Page-Cache"] == "miss"
    assert first["Surrogate-Key"] == cyrillic["Surrogate-Key"]
    assert first["xkey"] == cyrillic["xkey"]


@pytest.mark.parametrize("lang", ["kk", "kk-latn", "ru", "en"])
@pytest.mark.parametrize("query", ["Jomart jan", "jomart", "Zhomart"])
def test_latin_kazakh_finds_the_jomart_jan_centre_in_every_language(client, seeded, lang, query):
    response = client.get(url("search", lang), {"q": query})

    titles = [str(hit.obj) for g in response.context["groups"] for hit in g.hits]
    assert any("Жомарт жан" in title or "Jomart Jan" in title for title in titles), titles
    assert "searched_instead" not in response.context


@pytest.mark.parametrize("query", ["Qazaqstan", "turaqty", "tūraqty", "sanaidy"])
def test_latin_kazakh_words_find_the_cyrillic_text(client, article, query):
    response = client.get(url("search"), {"q": query})

    titles = [str(hit.obj) for g in response.context["groups"] for hit in g.hits]
    assert str(article) in titles
    assert "searched_instead" not in response.context
    # The match is marked in the Latin page.
    assert "<mark>" in response.content.decode()


def test_lists_follow_the_latin_alphabet(client, db):
    cyrillic = client.get(url("region_list", "kk")).content.decode()
    latin = client.get(url("region_list")).content.decode()

    # қ comes before л in Cyrillic, q after l in the 2021 alphabet.
    assert cyrillic.index("Ақмола облысы") < cyrillic.index("Алматы облысы")
    assert latin.index("Almaty oblysy") < latin.index("Aqmola oblysy")
