"""Highlighted titles and snippets: the text is escaped first, then matches wrapped in <mark>."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold

SNIPPET_LENGTH = 240
MIN_STEM = 4


def match_spans(text, query):
    """(start, end) of every query word in ``text``, in any of its spellings; a stem when the
    word is inflected."""
    folded = fold(text)
    spans = []
    for group in query.spellings:
        # Inflected forms match (ассамблеи → Ассамблея, Кызылорда → Кызылординская); mark
        # the common stem.
        candidates = [
            term[:length]
            for length in range(max(map(len, group)), MIN_STEM - 1, -1)
            for term in group
            if len(term) >= length
        ] or group
        for candidate in candidates:
            found = _occurrences(folded, candidate)
            if found:
                spans.extend(found)
                break
    return _merge(sorted(spans))


def _occurrences(folded, term):
    spans, start = [], folded.find(term)
    while start != -1:
        spans.append((start, start + len(term)))
        start = folded.find(term, start + len(term))
    return spans


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, query):
    return _marked(text, match_spans(text, query), 0, len(text))


def snippet(text, query, length=SNIPPET_LENGTH):
    """About ``length`` characters of ``text`` around the first match, highlighted."""
    text = " ".join(text.split())
    spans = match_spans(text, query)
    if len(text) <= length:
        return _marked(text, spans, 0, len(text))
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    html = _marked(text, spans, start, end)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - built from escaped parts


def _marked(text, spans, start, end):
    parts, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped
