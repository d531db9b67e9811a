"""Search text: what is indexed per language, and how text and queries are normalized.

It reads the declarations in assembly/translation.py through assembly.languages; of the
models it needs only the vocabulary's word length.
"""

import re
import unicodedata
from html import unescape

from django.utils.html import strip_tags

from assembly import languages
from assembly.latin import BORROWED_LETTERS, KAZAKH_LATIN_2021
from assembly.models.search_index import MAX_WORD

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Kazakh letters and the Russian letters readers type for them; ё is folded too.
LOOKALIKE_FROM = "қғңәөұүһіё"
LOOKALIKE_TO = "кгнаоуухие"
LOOKALIKES = str.maketrans(LOOKALIKE_FROM, LOOKALIKE_TO)
_LOOKALIKE_TARGETS = frozenset(LOOKALIKE_TO)

# What each model's search text is made of is declared in assembly/translation.py (read
# through languages.searched_fields(), title first). Fields in HTML_FIELDS are rich text.
HTML_FIELDS = {"body"}

_NOT_WORD = re.compile(r"[\W_]+")
# Normalized text never holds a newline, so one marks where the title ends when SQL
# matches title and body as one text.
TITLE_END = "\n"
MIN_WORD = 3


def lower_char(char):
    lowered = char.lower()
    # A few letters (İ) lower into two characters; keep them so positions stay aligned.
    return lowered if len(lowered) == 1 else char


def lower(text):
    # Nearly always one call does it: no letter lowered into two, no final sigma (which
    # str.lower() turns into ς by context, and lower_char into σ).
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(map(lower_char, text))


def fold(text):
    """Lowercase, then Kazakh letters to their Russian look-alikes; keeps the length."""
    return lower(text).translate(LOOKALIKES)


def normalize(text):
    """Lowercased words separated by single spaces; punctuation, marks and controls dropped."""
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return _NOT_WORD.sub(" ", lower(text)).strip()


# Where one block of rich text ends and the next begins, the words must stay apart.
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|figure|figcaption|table|tr|td|th|hr)\b)",
    re.IGNORECASE,
)


def plain_text(value, *, html=False):
    value = value or ""
    if html:
        value = unescape(strip_tags(_BLOCK_TAG.sub(" <", value)))
        value = " ".join(value.split())
    return value


def search_text(instance, lang):
    """(title, the rest), normalized: what readers of ``lang`` see of ``instance``.

    Empty fields fall back to the source language, as they do on the site.
    """
    source = languages.source_language()
    parts = []
    for field in languages.searched_fields(type(instance)):
        value = getattr(instance, f"{field}_{lang}", "")
        value = value or getattr(instance, f"{field}_{source}", "")
        parts.append(normalize(plain_text(value, html=field in HTML_FIELDS)))
    title, *rest = parts
    return title, " ".join(part for part in rest if part)


def search_words(texts):
    """The distinct folded words of ``texts``, for typo correction."""
    words = set()
    for text in texts:
        words.update(fold(text).split())
    return {w for w in words if MIN_WORD <= len(w) <= MAX_WORD and not w.isdigit()}


# Readers' Latin spellings of Kazakh names, and the spellings the site's English uses:
# "Zhomart" finds "Jomart", "Qyzylorda" finds "Kyzylorda". Each query word is also looked
# for in these spellings (at most MAX_SPELLINGS of them).
LATIN_LETTERS = str.maketrans(
    {"ä": "a", "ö": "o", "ü": "u", "ū": "u", "ğ": "g", "ş": "sh", "ı": "y", "ñ": "n", "ç": "ch"}
)
LATIN_SPELLINGS = (("q", "k"), ("zh", "j"), ("j", "zh"), ("gh", "g"))
MAX_SPELLINGS = 8
# Place names meet their adjectives and case forms by a common beginning: «Кызылорда»,
# «Кызылорде» and «Кызылординская» all begin with «кызылорд»; «Павлодарская» with
# «павлодар». Both databases match word beginnings (SQLite any substring), so only the
# query is cut: the stored text keeps every form.
_ADJECTIVE_ENDING = re.compile(r"(?:ин)?ск(?:ая|ий|ое|ие|ой|их|ую|ого|ому|им|ими|ом)$")
_FINAL_VOWEL = re.compile(r"[аеиоуыэюяьaeiouy]$")
MIN_CUT_STEM = 5


# Kazakh typed in Latin letters is also looked for in Cyrillic, folded as the entries are:
# "Jomart" -> «жомарт», "Qazaqstan" -> «казакстан», "tūraqty" and "turaqty" -> «туракты».
# The letters of the 2021 alphabet (assembly/latin.py) read back; where two Cyrillic letters
# share one Latin letter the Kazakh one is read (i -> и, h -> х, e -> е), and i between a vowel
# and a consonant is й ("sanaidy" -> «санайды»). Digraphs that readers type for the
# alphabet's letters (zh, sh, gh, kh) and Russian-style ch are read too. A second reading
# takes the letters borrowed from Russian (ts -> ц, ia -> я, iu -> ю, io -> ё, şş -> щ).
_FROM_LATIN = {
    **{lat: fold(cyr) for cyr, lat in reversed(KAZAKH_LATIN_2021.items()) if len(lat) == 1},
    "zh": "ж",
    "sh": "ш",
    "ch": "ч",
    "gh": "г",
    "kh": "х",
    "w": "у",
    "x": "кс",
    "c": "к",
}
_FROM_LATIN_BORROWED = {
    **_FROM_LATIN,
    **{lat: fold(cyr) for cyr, lat in BORROWED_LETTERS.items() if lat and cyr != "э"},
    "c": "ц",
}
_LATIN_VOWELS = "aäeioöuūüyı"
_SHORT_I = re.compile(f"(?<=[{_LATIN_VOWELS}])i(?![{_LATIN_VOWELS}])")


def _reader(table):
    # Longest first, so that "sh" is read before "s"; "I" marks an i read as й.
    table = {**table, "I": "й"}
    pattern = re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True)))
    return lambda latin: pattern.sub(lambda match: table[match[0]], latin)


_READINGS = (_reader(_FROM_LATIN), _reader(_FROM_LATIN_BORROWED))
_LATIN_WORD = re.compile("[{}]+".format("".join(sorted(set("".join(_FROM_LATIN_BORROWED))))))


def cyrillic_readings(term):
    """The folded Cyrillic words ``term`` (lowercase Latin letters) may stand for."""
    if not _LATIN_WORD.fullmatch(term):
        return []
    marked = _SHORT_I.sub("I", term)
    return list(dict.fromkeys(read(marked) for read in _READINGS))


def spellings(term):
    """``term`` (folded) and its other Latin spellings, the term itself first."""
    found = [term, *cyrillic_readings(term)]
    if not term.isascii():
        plain = term.translate(LATIN_LETTERS)
        if plain.isascii() and plain != term:
            found.append(plain)
    for source, target in LATIN_SPELLINGS:
        for spelling in list(found):
            changed = spelling.replace(source, target)
            if changed not in found and len(found) < MAX_SPELLINGS:
                found.append(changed)
    return found


def word_beginning(term):
    """The beginning that ``term``'s other forms share, when it is a place name's form."""
    cut = _ADJECTIVE_ENDING.sub("", term)
    if cut == term:
        cut = _FINAL_VOWEL.sub("", term)
    return cut if len(cut) >= MIN_CUT_STEM and not cut.isdigit() else term


# The same keys in the other layout: the Russian (ЙЦУКЕН) layout, whose letter keys the
# Kazakh layout shares, and (on Kazakh pages) the Kazakh letters of its number row.
_LATIN_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>"
_CYRILLIC_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбюЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ"
_NUMBER_ROW_KEYS, _KAZAKH_NUMBER_ROW = "234589-=0", "әіңғүұөһқ"
TO_CYRILLIC = str.maketrans(_LATIN_KEYS, _CYRILLIC_KEYS)
TO_KAZAKH_NUMBER_ROW = str.maketrans(_NUMBER_ROW_KEYS, _KAZAKH_NUMBER_ROW)
TO_LATIN = str.maketrans(
    _CYRILLIC_KEYS + _KAZAKH_NUMBER_ROW + _KAZAKH_NUMBER_ROW.upper(),
    _LATIN_KEYS + _NUMBER_ROW_KEYS * 2,
)
_TOKEN = re.compile(r"\S+")


def other_layout(raw, lang):
    """``raw`` as the same keys type it in the other keyboard layout; "" without letters.

    Latin letters become Cyrillic ones, Cyrillic letters Latin ones.
    """
    raw = display_query(raw)
    latin = sum(c.isascii() and c.isalpha() for c in raw)
    cyrillic = sum(not c.isascii() and c.isalpha() for c in raw)
    if not latin and not cyrillic:
        return ""
    if cyrillic > latin:
        return raw.translate(TO_LATIN)
    converted = raw.translate(TO_CYRILLIC)
    if lang == "kk":
        # Digits inside a word were Kazakh letters; a number on its own stays one.
        converted = _TOKEN.sub(
            lambda m: m[0].translate(TO_KAZAKH_NUMBER_ROW) if not m[0].isdigit() else m[0],
            converted,
        )
    return converted


def touches_searched_fields(model, update_fields):
    fields = languages.searched_fields(model)
    codes = languages.content_languages()
    names = set(fields) | {f"{f}_{lang}" for f in fields for lang in codes}
    return bool(names & set(update_fields))


class Query:
    """A reader's query, cut to a sane length and split into at most MAX_TERMS words."""

    def __init__(self, raw):
        raw = str(raw or "")[:MAX_QUERY_LENGTH]
        self.terms = normalize(raw).split()[:MAX_TERMS]
        self._fold()

    @classmethod
    def from_terms(cls, terms):
        query = cls("")
        query.terms = list(terms)[:MAX_TERMS]
        query._fold()
        return query

    def _fold(self):
        self.text = " ".join(self.terms)
        self.folded_terms = [fold(term) for term in self.terms]
        self.folded = " ".join(self.folded_terms)
        # Per word, the spellings it is looked for in; and the beginnings that match them.
        self.spellings = [spellings(term) for term in self.folded_terms]
        self.match_terms = [
            list(dict.fromkeys(word_beginning(s) for s in group)) for group in self.spellings
        ]

    def __bool__(self):
        return bool(self.terms)

    @property
    def has_kazakh_letters(self):
        return self.text != self.folded

    @property
    def has_lookalike_letters(self):
        """Whether a word could match only through look-alikes: else exact and folded agree.

        Folding maps only Kazakh letters (and ё) to the letters in LOOKALIKE_TO; a query
        without any of those matches a folded word exactly where it matches the word itself.
        """
        return not _LOOKALIKE_TARGETS.isdisjoint(self.folded)


def display_query(raw):
    """The reader's query as it may be echoed back: cut, without controls or lone surrogates."""
    raw = str(raw or "")[:MAX_QUERY_LENGTH]
    kept = (c if unicodedata.category(c) not in {"Cc", "Cs", "Co", "Cn"} else " " for c in raw)
    return " ".join("".join(kept).split())
