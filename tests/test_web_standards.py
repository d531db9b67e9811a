"""What the W3C checker and Lighthouse read from every public page of the sitemap."""

from html.parser import HTMLParser

import pytest

from tests.test_sitemap import SECTIONS, collect_urls, path_of


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.headings = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta":
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.meta[key] = attributes.get("content") or ""
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def skipped_levels(levels):
    """Each heading deeper than the one before by more than one level, as (before, after)."""
    skips = []
    previous = 0
    for level in levels:
        if level > previous + 1:
            skips.append((previous, level))
        previous = level
    return skips


# Pages of one section share their templates: six of each (all the fixed pages), in each
# language, cover them all.
PER_SECTION_AND_LANGUAGE = 6


@pytest.fixture
def sitemap_paths(client, seeded):
    paths = []
    for section in SECTIONS:
        chosen = {}
        for loc in collect_urls(client, section):
            path = path_of(loc)
            chosen.setdefault(path.split("/")[1], []).append(path)
        assert set(chosen) == {"kk", "ru", "en", "kk-latn"}, (section, chosen)
        for lang_paths in chosen.values():
            paths += lang_paths[:PER_SECTION_AND_LANGUAGE]
    return paths


def test_skipped_levels_finds_h1_to_h3():
    assert skipped_levels([1, 3]) == [(1, 3)]
    assert skipped_levels([1, 2, 3, 2, 3]) == []
    assert skipped_levels([2]) == [(0, 2)]


def test_every_sitemap_page_has_a_description_and_og_title(client, sitemap_paths):
    missing = []
    for path in sitemap_paths:
        page = read(client, path)
        if not page.meta.get("description", "").strip():
            missing.append((path, "description"))
        if not page.meta.get("og:title", "").strip():
            missing.append((path, "og:title"))
    assert missing == []


def test_no_sitemap_page_skips_a_heading_level(client, sitemap_paths):
    skips = {}
    for path in sitemap_paths:
        found = skipped_levels(read(client, path).headings)
        if found:
            skips[path] = found
    assert skips == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "word"), [("kk", "Ассамблеясының"), ("ru", "Ассамблеи"), ("en", "Assembly")]
)
@pytest.mark.parametrize("page", ["news", "regions"])
def test_news_and_regions_lists_describe_themselves_in_their_language(client, lang, word, page):
    meta = read(client, f"/{lang}/{page}/").meta
    assert word in meta["description"]
    assert meta["og:title"] and meta["og:title"] != meta["og:site_name"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [("kk", "Жаңалықтарды"), ("ru", "Поиск по новостям"), ("en", "Search news")],
)
@pytest.mark.parametrize("query", ["", "?q=%D0%B0%D1%81%D1%81%D0%B0%D0%BC%D0%B1%D0%BB%D0%B5%D1%8F"])
def test_search_page_describes_itself_in_its_language(client, lang, words, query):
    # Not indexed (noindex), but shared links and Lighthouse still read the description.
    meta = read(client, f"/{lang}/search/{query}").meta
    assert words in meta["description"]
    assert meta["robots"] == "noindex"
