"""Reading what a reader (or a search engine) gets from a rendered page."""

import functools
import json
from html.parser import HTMLParser

import pytest


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs dict)
        self.json_ld = []
        self._in_json_ld = False
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self._buffer = []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append(json.loads("".join(self._buffer)))


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def find(page, tag, **attrs):
    return [
        found
        for name, found in page.tags
        if name == tag and all(found.get(key) == value for key, value in attrs.items())
    ]


def hreflangs(response):
    return {
        link["hreflang"]: link["href"]
        for link in find(parse(response), "link", rel="alternate")
        if "hreflang" in link
    }


def meta(response, **attrs):
    return [tag.get("content") for tag in find(parse(response), "meta", **attrs)]


def switcher_links(response):
    page = response.content.decode()
    start = page.index('class="lang-switcher"')
    parser = PageParser()
    parser.feed(page[start : page.index("</nav>", start)])
    return {link["data-lang"]: link["href"] for link in find(parser, "a") if "data-lang" in link}


def json_ld_of_type(response, kind):
    return [data for data in parse(response).json_ld if data.get("@type") == kind]


@functools.cache
def _hero_png_bytes():
    from assembly.hero_art import render_hero_png

    return render_hero_png().read()


@pytest.fixture
def fast_images(monkeypatch):
    """One rendition width and one drawing of the seed hero: renditions are slow to encode."""
    from django.core.files.base import ContentFile

    from assembly import images, seeding

    monkeypatch.setattr(images, "RENDITION_WIDTHS", (320,))
    monkeypatch.setattr(seeding, "render_hero_png", lambda: ContentFile(_hero_png_bytes()))
