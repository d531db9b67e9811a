"""Kazakh in the 2021 Latin alphabet, read off the Cyrillic: the ``kk-latn`` reading.

The Latin reading is not a translation: nothing is stored, every ``kk-latn`` page is the
``kk`` page with its Kazakh text transliterated on the way out (``LatinReadingMiddleware``).
The letter table and the rules for the letters the alphabet lacks are in
docs/kazakh-latin.md. Only Cyrillic letters change, so Latin text (names, abbreviations,
code) is left as it is; addresses and e-mail addresses are skipped whole.

HTML is split into tags and text by one regular expression and written back piece by piece:
markup, attributes (but for alt, title, aria-label, placeholder and the description meta tags),
``<script>``, ``<style>``, ``<code>``, ``<pre>``, ``<textarea>`` and every element marked
with another language stay exactly as they came. The reading runs on every request (the page
cache may be off), so blocks already read are remembered. Feeds (RSS, Atom) are read as XML.
"""

import json
import re
from functools import lru_cache
from html import escape, unescape
from io import StringIO
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import XMLGenerator

from defusedxml.sax import parseString
from django.utils.translation import get_language_from_path

from assembly.slugs import KAZAKH_LATIN_2021

# The reading's language code in URLs and settings, and its BCP 47 tag in HTML.
LATIN_READING = "kk-latn"
LATIN_TAG = "kk-Latn"

# Letters of Russian origin the 2021 alphabet has no letter for: one rule each.
BORROWED_LETTERS: dict[str, str] = {
    "ё": "io",
    "ц": "ts",
    "щ": "şş",
    "ъ": "",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
LETTERS: dict[str, str] = {**KAZAKH_LATIN_2021, **BORROWED_LETTERS}

# The capitals of the alphabet's dotted and dotless i: İ i and I ı (not Python's "i".upper()).
_DOTTED_CAPITALS = str.maketrans({"i": "İ", "ı": "I"})


def upper(latin):
    return latin.translate(_DOTTED_CAPITALS).upper()


def _capitalized(latin):
    return upper(latin[:1]) + latin[1:]


# A capital letter alone or starting a word: only the first Latin letter is a capital
# (Щ -> Şş, Я -> Ia). In a word of capitals, every letter is one (ҚХА -> QHA, ЮНЕСКО -> IUNESKO).
_WORD_TABLE = str.maketrans(
    {**LETTERS, **{cyr.upper(): _capitalized(lat) for cyr, lat in LETTERS.items()}}
)
_CAPITALS_TABLE = str.maketrans(
    {**{cyr: upper(lat) for cyr, lat in LETTERS.items()}}
    | {cyr.upper(): upper(lat) for cyr, lat in LETTERS.items()}
)
_ALL_LETTERS = "".join(sorted(set(LETTERS) | {c.upper() for c in LETTERS}))
_CYRILLIC_WORD = re.compile(f"[{_ALL_LETTERS}]+")
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Tokens that are addresses: kept whole even where they hold Cyrillic (қазақ.kz/...).
_ADDRESS = re.compile(r"\S*(?:://|@|\bwww\.)\S*")


def _word(match):
    word = match[0]
    if len(word) > 1 and word.isupper():
        return word.translate(_CAPITALS_TABLE)
    return word.translate(_WORD_TABLE)


_CAPITALS_RUN = re.compile("[" + "".join(sorted({c.upper() for c in LETTERS})) + "]{2}")


def _letters(text):
    if not _CAPITALS_RUN.search(text):
        return text.translate(_WORD_TABLE)  # no word of capitals: letter by letter
    return _CYRILLIC_WORD.sub(_word, text)


def to_latin(text):
    """Kazakh Cyrillic ``text`` in the 2021 Latin alphabet; other characters unchanged."""
    if not text or text.isascii() or not _HAS_CYRILLIC.search(text):
        return text
    if "@" not in text and "/" not in text and "www." not in text:
        return _letters(text)
    parts, start = [], 0
    for match in _ADDRESS.finditer(text):
        parts.append(_letters(text[start : match.start()]))
        parts.append(match[0])
        start = match.end()
    parts.append(_letters(text[start:]))
    return "".join(parts)


# --- HTML ---------------------------------------------------------------------------------

KEPT_ELEMENTS = frozenset({"script", "style", "code", "pre", "textarea", "kbd", "samp"})
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr", "param"}
)
READ_ATTRIBUTES = frozenset(
    {"alt", "title", "aria-label", "placeholder", "aria-description", "data-copied-text"}
)
# <input type=...> whose value is a button's words.
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
# <meta name=... content=...> and <meta property=... content=...> whose content is read.
READ_META = frozenset(
    {"description", "og:title", "og:description", "og:image:alt", "og:site_name"}
    | {"twitter:title", "twitter:description", "twitter:image:alt", "apple-mobile-web-app-title"}
)
_KAZAKH_TAGS = frozenset({"kk", LATIN_READING})


# One match per token: text up to the next "<" or character reference (an address never runs
# across one: "сайт&nbsp;https://..."); an end tag; a whole <script> or <style> element
# (its content is not markup); a start tag, whose quoted values may hold ">"; a comment; a
# declaration or processing instruction; a "<" that starts none of these.
_TOKEN = re.compile(
    r"""([^<&]+|&[^<&]*)
    |</\s*([a-z][^\s/>]*)[^>]*>
    |(<(script|style)(?=[\s/>])[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*(?<!/)>)
        ([^<]*(?:<(?!/\s*\4\s*>)[^<]*)*)(</\s*\4\s*>)
    |<([a-z][^\s/>]*)[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>
    |(<!--.*?-->)|<[!?][^>]*>|<""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_ATTRIBUTE = re.compile(r"""([^\s/>][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
_TAG_NAME = re.compile(r"<[^\s/>]+")


def html_to_latin(html):
    """``html`` with its Kazakh text in Latin letters; markup as it was."""
    if not _HAS_CYRILLIC.search(html):
        return html
    # Read block by block (blank lines part them), each remembered with the elements open before
    # it: the head, the menus and the footer are the same blocks on every page of a language.
    parts, stack = [], (("", True),)
    blocks = html.split("\n\n")
    for i, block in enumerate(blocks):
        read = i + 1 < len(blocks) and _block_in_latin(block + "\n\n", stack)
        if not read:  # the last block, or one that ends inside markup: the rest at once
            parts.append(_block_in_latin("\n\n".join(blocks[i:]), stack, last=True)[0])
            break
        written, stack = read
        parts.append(written)
    return "".join(parts)


@lru_cache(maxsize=256)
def _block_in_latin(html, stack, last=False):
    """``html`` in Latin and the elements then open, after ``stack``: (name, whether its text is
    read in Latin). None if a tag, comment or script of ``html`` ends after it."""
    parts = []
    write = parts.append
    stack = list(stack)
    reading = stack[-1][1]
    for token in _TOKEN.finditer(html):
        kind, raw = token.lastindex, token[0]
        if kind == 1:  # text
            write(to_latin(raw) if reading else raw)
        elif kind == 7:  # a start tag
            name = token[7].lower()
            if name in ("script", "style") and not (last or raw.endswith("/>")):
                return None
            tag, reads = _start_tag(name, raw, reading)
            write(tag)
            if name not in VOID_ELEMENTS and not raw.endswith("/>"):
                reading = reading if reads is None else reads
                stack.append((name, reading))
        elif kind == 2:  # an end tag
            write(raw)
            # Closes the innermost open element of its name, and whatever was left open inside.
            end = token[2].lower()
            if any(open_name == end for open_name, _reads in stack):
                while stack.pop()[0] != end:
                    pass
                reading = stack[-1][1]
        elif kind == 6:  # a script or style element
            tag, reads = _start_tag(token[4].lower(), token[3], reading)
            content = token[5]
            if reading if reads is None else reads:  # JSON-LD: the only script that is read
                content = _json_ld_in_latin(content)
            write(tag + content + token[6])
        elif kind is None and (raw == "<" or raw.startswith("<!--")) and not last:
            return None
        else:
            write(raw)
    return "".join(parts), tuple(stack)


def _start_tag(tag, raw, reading):
    """The start tag as the reading writes it, and whether its element is read in Latin (None:
    as its parent is)."""
    if tag not in KEPT_ELEMENTS and raw.isascii() and "lang" not in raw.lower():
        return raw, None
    attrs = []
    for match in _ATTRIBUTE.finditer(raw, _TAG_NAME.match(raw).end()):
        name, value = match.group(1, 2)
        value = value[1:-1] if value and value[0] in "'\"" else value
        attrs.append((name.lower(), unescape(value) if value else value))
    if reading and (not raw.isascii() or "lang=" in raw.lower()):
        changed = [(name, _attribute(tag, attrs, name, value)) for name, value in attrs]
        if changed != attrs:
            written = "".join(f" {n}" if v is None else f' {n}="{escape(v)}"' for n, v in changed)
            raw = f"<{tag}{written}{' />' if raw.endswith('/>') else '>'}"
    if tag in KEPT_ELEMENTS and not (
        tag == "script" and _attr(attrs, "type") == "application/ld+json"
    ):
        return raw, False
    lang = _attr(attrs, "lang")
    if lang is not None:
        return raw, lang.lower() in _KAZAKH_TAGS and not _names_cyrillic_page(tag, attrs)
    return raw, None


def _attribute(tag, attrs, name, value):
    if value is None:
        return value
    if name == "lang" and value.lower() in _KAZAKH_TAGS:
        return value if _names_cyrillic_page(tag, attrs) else LATIN_TAG
    if name in READ_ATTRIBUTES:
        return to_latin(value)
    if name == "value" and tag == "input" and _attr(attrs, "type") in BUTTON_INPUTS:
        return to_latin(value)
    if name == "content" and tag == "meta":
        key = _attr(attrs, "name") or _attr(attrs, "property") or ""
        if key.lower() in READ_META:
            return to_latin(value)
    return value


def _attr(attrs, wanted):
    for name, value in attrs:
        if name == wanted:
            return value
    return None


def _names_cyrillic_page(tag, attrs):
    """A link to the Cyrillic page (the language switcher's «Қазақша») names it in its script."""
    return tag == "a" and (_attr(attrs, "hreflang") or "").lower() == "kk"


def _json_ld_in_latin(data):
    try:
        value = json.loads(data)
    except ValueError:
        return data
    return json.dumps(_json_in_latin(value), ensure_ascii=False).replace("</", "<\\/")


def _json_in_latin(value):
    if isinstance(value, str):
        return to_latin(value)
    if isinstance(value, list):
        return [_json_in_latin(item) for item in value]
    if isinstance(value, dict):
        return {
            key: LATIN_TAG if key == "inLanguage" and item == "kk" else _json_in_latin(item)
            for key, item in value.items()
        }
    return value


# --- XML feeds ----------------------------------------------------------------------------

# Elements of RSS and Atom whose text is an address, a date or an identifier.
KEPT_FEED_ELEMENTS = frozenset(
    {"link", "guid", "id", "url", "comments", "docs", "uri", "email", "pubDate", "updated"}
    | {"published", "lastBuildDate", "language", "generator", "icon", "logo"}
)
# Elements whose text is (escaped) HTML.
HTML_FEED_ELEMENTS = frozenset({"description", "content", "summary"})


class _LatinFeed(ContentHandler):
    def __init__(self, out):
        super().__init__()
        self.writer = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
        self.names = []
        self.text = []

    def _flush(self):
        if not self.text:
            return
        text = "".join(self.text)
        self.text = []
        name = self.names[-1].rpartition(":")[2] if self.names else ""
        if name == "language" and text.strip().lower() in _KAZAKH_TAGS:
            text = LATIN_TAG
        elif name in KEPT_FEED_ELEMENTS:
            pass
        elif name in HTML_FEED_ELEMENTS and "<" in text:
            text = html_to_latin(text)
        else:
            text = to_latin(text)
        self.writer.characters(text)

    def startDocument(self):
        self.writer.startDocument()

    def processingInstruction(self, target, data):
        self._flush()
        self.writer.processingInstruction(target, data)

    def startElement(self, name, attrs):
        self._flush()
        attrs = dict(attrs)
        if attrs.get("xml:lang", "").lower() in _KAZAKH_TAGS:
            attrs["xml:lang"] = LATIN_TAG
        if name.rpartition(":")[2] == "category":
            # Atom names a category in attributes; readers see its term or label.
            for key in ("term", "label"):
                if key in attrs:
                    attrs[key] = to_latin(attrs[key])
        self.writer.startElement(name, attrs)
        self.names.append(name)

    def endElement(self, name):
        self._flush()
        self.writer.endElement(name)
        self.names.pop()

    def characters(self, content):
        self.text.append(content)

    def ignorableWhitespace(self, whitespace):
        self._flush()
        self.writer.ignorableWhitespace(whitespace)


def feed_to_latin(xml):
    """An RSS or Atom document (bytes) with its Kazakh text in Latin letters."""
    if not _HAS_CYRILLIC.search(xml.decode("utf-8", "replace")):
        return xml
    out = StringIO()
    handler = _LatinFeed(out)
    parseString(xml, handler, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    return out.getvalue().encode()


# --- Responses ----------------------------------------------------------------------------

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def response_to_latin(response):
    """The response's Kazakh text in Latin letters: HTML pages and feeds, whatever the status."""
    if response.streaming or response.has_header("Content-Encoding"):
        return response
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type == "text/html":
        charset = response.charset or "utf-8"
        response.content = html_to_latin(response.content.decode(charset)).encode(charset)
    elif content_type in FEED_TYPES:
        response.content = feed_to_latin(response.content)
    else:
        return response
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    # Made for the Cyrillic body; the page cache and ConditionalGetMiddleware make a new one.
    if response.has_header("ETag"):
        del response["ETag"]
    return response


class LatinReadingMiddleware:
    """Every response under /kk-latn/ is the Kazakh page read in Latin letters.

    Placed inside PageCacheMiddleware, so the cache keeps the Latin page and a hit costs what
    a Cyrillic hit does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if get_language_from_path(request.path_info) == LATIN_READING:
            response = response_to_latin(response)
        return response
