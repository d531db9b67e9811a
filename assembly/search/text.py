"""Search text: what is stored per language, and how text and queries are normalized.

Nothing here imports the models, so the models can import it.
"""

import re
import unicodedata
from html import unescape

from django.utils.html import strip_tags

SEARCH_LANGUAGES = ("kk", "ru", "en")
SEARCH_FIELD_NAMES = tuple(f"search_{lang}" for lang in SEARCH_LANGUAGES)
# PostgreSQL's stored word vectors: (language, kind) -> column; "stems" for ru and en only.
VECTOR_COLUMNS = {
    (lang, kind): f"vector_{lang}_{kind}"
    for lang in SEARCH_LANGUAGES
    for kind in ("plain", "folded", "stems")
    if kind != "stems" or lang != "kk"
}
# PostgreSQL's stored titles for ranking: the title line of search_<lang>, folded.
TITLE_COLUMNS = {lang: f"search_title_{lang}" for lang in SEARCH_LANGUAGES}
# Only search reads these; pages that show a row leave them unloaded.
HEAVY_FIELD_NAMES = (*SEARCH_FIELD_NAMES, *VECTOR_COLUMNS.values(), *TITLE_COLUMNS.values())
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Kazakh letters and the Russian letters readers type for them; ё is folded too.
LOOKALIKE_FROM = "қғңәөұүһіё"
LOOKALIKE_TO = "кгнаоуухие"
LOOKALIKES = str.maketrans(LOOKALIKE_FROM, LOOKALIKE_TO)
_LOOKALIKE_TARGETS = frozenset(LOOKALIKE_TO)

# What each model's search text is made of, keyed by model name so that historical models
# in migrations work too; the first field is the title. Fields in HTML_FIELDS are rich text.
SEARCHED_FIELDS = {
    "newsitem": ("title", "lead", "body", "dateline"),
    "initiative": ("name", "summary", "description"),
    "institution": ("name", "description", "address", "publication_languages"),
}
HTML_FIELDS = {"body"}

_NOT_WORD = re.compile(r"[\W_]+")
# Normalized text never holds a newline, so one marks where the title ends.
TITLE_END = "\n"
MIN_WORD, MAX_WORD = 3, 60


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


def plain_text(value, *, html=False):
    value = value or ""
    if html:
        value = unescape(strip_tags(value))
    return value


def search_text(instance, lang):
    """The normalized title, a newline, the normalized rest: what readers of ``lang`` see.

    Empty fields fall back to Kazakh, as they do on the site.
    """
    fields = SEARCHED_FIELDS[instance._meta.model_name]
    parts = []
    for field in fields:
        value = getattr(instance, f"{field}_{lang}", "") or getattr(instance, f"{field}_kk", "")
        parts.append(normalize(plain_text(value, html=field in HTML_FIELDS)))
    title, *rest = parts
    return f"{title}{TITLE_END}{' '.join(part for part in rest if part)}"


def search_fields_for(instance):
    """The ``search_<lang>`` values for ``instance``: for writers that bypass ``save()``."""
    return {f"search_{lang}": search_text(instance, lang) for lang in SEARCH_LANGUAGES}


def search_words(texts):
    """The distinct folded words of ``texts``, for typo correction."""
    words = set()
    for text in texts:
        words.update(fold(text).split())
    return {w for w in words if MIN_WORD <= len(w) <= MAX_WORD and not w.isdigit()}


def touches_searched_fields(model_name, update_fields):
    fields = SEARCHED_FIELDS[model_name]
    names = set(fields) | {f"{f}_{lang}" for f in fields for lang in SEARCH_LANGUAGES}
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
