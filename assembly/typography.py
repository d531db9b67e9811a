"""Typography of the text readers see, applied when it is rendered (the article's title,
lead and body, key figures): the one home of these rules.

- A number and the word after it never part at a line end («3 миллионнан», «10 мыңнан»,
  «305 000 000»), nor does a dash or an ellipsis from the word before it.
- Russian text gets the Russian dash: a spaced hyphen or en dash becomes «—».
- A phrase in Kazakh inside Russian or English text is marked ``lang="kk"``, so that a screen
  reader reads it with a Kazakh voice. It is found by its letters: a run of Cyrillic words
  from the first to the last word that has a letter only Kazakh uses (ә ғ қ ң ө ұ ү һ і),
  or the whole of a «quoted» Cyrillic title that has one, or that the Kazakh version of the
  same text quotes as it is («Адал азамат», «Жомарт жан»: Kazakh names written without those
  letters). Russian inside Kazakh text shares its letters with Kazakh and is not found this
  way (a title quoted alike in both versions is as often a Kazakh name kept in Russian);
  an editor's own ``<span lang>`` is kept.
"""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

NBSP = "\u00a0"
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
_CYRILLIC_WORD = rf"[А-Яа-яЁё{KAZAKH_LETTERS}]+(?:-[А-Яа-яЁё{KAZAKH_LETTERS}]+)*"
_SEPARATOR = rf"(?:[ {NBSP}]*[–—][ {NBSP}]*|[ {NBSP}]+)"
_CYRILLIC_RUN = re.compile(rf"«?{_CYRILLIC_WORD}(?:{_SEPARATOR}{_CYRILLIC_WORD})*»?")
_KAZAKH_WORD = re.compile(
    rf"[А-Яа-яЁё{KAZAKH_LETTERS}-]*[{KAZAKH_LETTERS}][А-Яа-яЁё{KAZAKH_LETTERS}-]*"
)
_TAG = re.compile(r"(<[^>]*>)")
_QUOTED = re.compile(r"«([^«»]+)»")

_NO_BREAK = [
    # a number and its word, and the groups of a number: «10 мыңнан», «305 000»
    (re.compile(r"(?:(?<=\d)|(?<=\d%)) (?=[^\W_])"), NBSP),
    # no line starts with a dash or an ellipsis
    (re.compile(r" (?=[-–—](?:\s|$))"), NBSP),
    (re.compile(r" (?=…|\.\.\.)"), NBSP),
]
_RUSSIAN_DASH = re.compile(r"(?<=\s)[-–](?=\s)")
_LEADING_DASH = re.compile(r"^[\s\-–—]+")


def typeset_text(text, lang=None, kazakh=""):
    """Plain text as safe HTML, typeset for ``lang`` (the active language by default).

    ``kazakh`` is the Kazakh version of the same text: a «quoted» name it holds as written
    here is a Kazakh name («Адал азамат»), even without a Kazakh letter.
    """
    return mark_safe(_typeset(escape(text or ""), _language(lang), _quoted_names(kazakh)))


def typeset_html(html, lang=None, kazakh=""):
    """Sanitized rich text, typeset in its text between tags; tags are kept as they are."""
    lang = _language(lang)
    names = _quoted_names(strip_tags(kazakh or ""))
    parts, marked = [], 0
    for piece in _TAG.split(html or ""):
        if piece.startswith("<"):
            # Inside an editor's own <span lang>, the phrase already says its language.
            if piece.startswith("<span") and "lang=" in piece:
                marked += 1
            elif piece == "</span>" and marked:
                marked -= 1
            parts.append(piece)
        else:
            parts.append(_typeset(piece, lang, names, mark_kazakh=not marked))
    return mark_safe("".join(parts))


def label(text, lang=None):
    """A label that follows a figure: typeset, and never starting with a dash."""
    return typeset_text(_LEADING_DASH.sub("", text or ""), lang)


def _language(lang):
    return (lang or get_language() or "kk").split("-")[0]


def _quoted_names(kazakh):
    return {_plain(name) for name in _QUOTED.findall(kazakh or "")}


def _plain(text):
    return " ".join(re.sub(r"[–—-]", "-", unescape(text)).replace(NBSP, " ").split())


def _typeset(text, lang, names=frozenset(), mark_kazakh=True):
    if lang == "ru":
        text = _RUSSIAN_DASH.sub("—", text)
    for pattern, replacement in _NO_BREAK:
        text = pattern.sub(replacement, text)
    if lang == "kk" or not mark_kazakh:
        return text
    parts, position = [], 0
    for run in _CYRILLIC_RUN.finditer(text):
        phrase = _kazakh_phrase(run, names)
        if phrase is None:
            continue
        start, end = phrase
        parts.append(text[position:start])
        parts.append(f'<span lang="kk">{text[start:end]}</span>')
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _kazakh_phrase(run, names):
    """(start, end) of the Kazakh phrase in a run of Cyrillic words, or None."""
    words = list(_KAZAKH_WORD.finditer(run.group()))
    quoted = run.group().startswith("«") and run.group().endswith("»")
    if quoted and (words or _plain(run.group()[1:-1]) in names):
        return run.start() + 1, run.end() - 1
    if not words:
        return None
    return run.start() + words[0].start(), run.start() + words[-1].end()
