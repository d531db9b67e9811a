import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "figure",
    "figcaption",
    "hr",
    "abbr",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "*": {"lang"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Word writes a list item as a paragraph that starts with its marker and non-breaking spaces
# («·&nbsp;&nbsp;&nbsp; Text», «1.&nbsp;&nbsp; Text»); nh3 writes the spaces as &nbsp;.
_PARAGRAPH = re.compile(r"<p(\b[^>]*)>(.*?)</p>\s*", re.DOTALL)
_WORD_MARKER = re.compile(
    r"^\s*(?:(?P<bullet>[·•▪◦o§\-–*\uf0a7\uf0b7\uf0d8])|(?P<number>\d{1,3})[.)])"
    r"(?:\s|&nbsp;)*&nbsp;(?:\s|&nbsp;)*"
)


def sanitize_html(html):
    """Only allowed tags, attributes and link schemes; links are otherwise kept as written."""
    if not html:
        return html
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return word_lists_to_html(unwrap_bare_spans(clean))


_SPAN_TAG = re.compile(r"<span\b[^>]*>|</span>")


def unwrap_bare_spans(html):
    """Keeps a <span> only while it says its language (``<span lang="kk">``, a phrase read
    in another voice); Word's styling spans lose their attributes to nh3 and go here."""
    kept, parts, position = [], [], 0
    for tag in _SPAN_TAG.finditer(html):
        parts.append(html[position : tag.start()])
        position = tag.end()
        if tag.group() == "</span>":
            if kept and kept.pop():
                parts.append(tag.group())
        else:
            keep = "lang=" in tag.group()
            kept.append(keep)
            if keep:
                parts.append(tag.group())
    parts.append(html[position:])
    return "".join(parts)


def word_lists_to_html(html):
    """Runs of Word's list paragraphs as <ul> and <ol> lists; everything else as it was."""
    parts, run, kind, position = [], [], None, 0

    def close_run():
        if run:
            tag = "ul" if kind == "ul" else "ol"
            start = run[0][0]
            opening = f'<ol start="{start}">' if tag == "ol" and start != 1 else f"<{tag}>"
            items = "".join(f"<li{attrs}>{content}</li>" for _n, attrs, content in run)
            parts.append(f"{opening}{items}</{tag}>")
            run.clear()

    for paragraph in _PARAGRAPH.finditer(html):
        marker = _WORD_MARKER.match(paragraph.group(2))
        between = html[position : paragraph.start()]
        position = paragraph.end()
        item_kind = None if marker is None else ("ol" if marker.group("number") else "ul")
        if between.strip() or item_kind != kind:
            close_run()
        parts.append(between)
        kind = item_kind
        if item_kind is None:
            parts.append(paragraph.group(0))
            continue
        number = int(marker.group("number") or 1)
        run.append((number, paragraph.group(1), paragraph.group(2)[marker.end() :].rstrip()))
    close_run()
    parts.append(html[position:])
    return "".join(parts)


def paragraphs_to_html(paragraphs):
    from django.utils.html import escape

    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs if text.strip())
