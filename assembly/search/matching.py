"""Matching and ranking on the search entries, for SQLite and PostgreSQL.

Every query matches the folded text, so Kazakh letters and their Russian look-alikes find
each other; the reader's own letters rank above look-alikes, and a match in the title above
one in the body. SQLite matches substrings. PostgreSQL matches word beginnings through GIN
indexes on the entries' stored word vectors and adds stemming (``russian``, ``english``), and
ranks on sets of keys only (a trigram index on the folded titles). Typos are corrected against
the reader's language's SearchWord vocabulary: candidates by trigrams on PostgreSQL, by first
letter elsewhere, and difflib's ratio decides on both.
"""

import difflib

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, TrigramSimilarity
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import StrIndex
from django.db.models.lookups import Contains, GreaterThan, LessThan

from assembly import languages
from assembly.models import SearchEntry, SearchWord

from .index import entries_of
from .text import LOOKALIKE_FROM, LOOKALIKE_TO, TITLE_END, Query

FTS_CONFIGS = {"ru": "russian", "en": "english"}
EXACT_PHRASE, EXACT_WORDS, LOOKALIKE, STEM_ONLY, IN_TITLE = 3.0, 2.0, 1.0, 0.5, 0.5
MIN_CORRECTED = 4
MAX_VOCABULARY_SCAN = 5000
TRIGRAM_CANDIDATES = 20
TYPO_CUTOFF = 0.75  # difflib's ratio a known word needs to replace a typed one
MAX_MATCHES = 100_000


class Fold(Func):
    """Kazakh letters to their Russian look-alikes, on text that is already lowercased."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        # Nested REPLACE works everywhere; the letters are constants, never request data.
        sql, params = compiler.compile(self.source_expressions[0])
        for source, target in zip(LOOKALIKE_FROM, LOOKALIKE_TO, strict=True):
            sql = f"REPLACE({sql}, '{source}', '{target}')"
        return sql, params

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"translate({sql}, '{LOOKALIKE_FROM}', '{LOOKALIKE_TO}')", params


class Operator(Func):
    """``lhs <operator> rhs`` as a boolean expression usable in filter() and When()."""

    output_field = BooleanField()

    def __init__(self, lhs, operator, rhs):
        self.operator = operator
        super().__init__(lhs, rhs)

    def as_sql(self, compiler, connection, **extra_context):
        (lhs, lhs_params), (rhs, rhs_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return f"({lhs} {self.operator} {rhs})", (*lhs_params, *rhs_params)


class EntryText(Func):
    """An entry's title and body as one text, the title ending at TITLE_END.

    Written out rather than built with Concat: both columns are never NULL, and the text is
    compiled several times a query, which Concat's nested pairs made a good part of a search.
    """

    output_field = TextField()

    def __init__(self):
        super().__init__(F("title"), F("body"))

    def as_sql(self, compiler, connection, **extra_context):
        (title, title_params), (body, body_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return f"({title} || %s || {body})", (*title_params, TITLE_END, *body_params)


def all_of(conditions):
    combined = Q()
    for condition in conditions:
        combined &= Q(condition)
    return combined


def contains_all(expression, terms):
    return all_of(Contains(expression, term) for term in terms)


def contains_one_of_each(expression, groups):
    """Each group of spellings has one that ``expression`` contains."""
    condition = Q()
    for group in groups:
        either = Q()
        for term in group:
            either |= Q(Contains(expression, term))
        condition &= either
    return condition


def matching(queryset, query, lang):
    """``queryset`` narrowed to what ``query`` finds in ``lang``, annotated with ``rank``."""
    if not isinstance(query, Query):
        query = Query(query)
    if not query:
        return queryset.none()
    if is_postgresql(queryset.db):
        return _postgresql(queryset, query, lang)
    return _substrings(queryset, query, lang)


def found_in(models, query, lang, *, using="default"):
    """Those of ``models`` with an entry in ``lang`` that ``query`` finds, in one query.

    An entry is needed for a match, not enough (its object may be hidden, or filtered
    out): a model left out here has no match, and its results need not be looked for.
    """
    if not query:
        return set()
    content_types = ContentType.objects.db_manager(using).get_for_models(*models)
    keys = {model: content_type.pk for model, content_type in content_types.items()}
    condition = _condition(query, lang, postgresql=is_postgresql(using))
    # The language and type are tested first: SQLite tests the conditions in their order.
    entries = SearchEntry.objects.filter(lang=lang, content_type=OuterRef("pk")).filter(condition)
    found = set(
        ContentType.objects.using(using)
        .filter(Exists(entries), pk__in=keys.values())
        .values_list("pk", flat=True)
    )
    return {model for model, key in keys.items() if key in found}


def _condition(query, lang, *, postgresql):
    """What an entry in ``lang`` matches ``query`` by, as matching() narrows to it."""
    if not postgresql:
        return contains_one_of_each(Fold(EntryText()), query.match_terms)
    condition = _folded(query)
    if lang in FTS_CONFIGS:
        stemmed = SearchQuery(query.text, config=FTS_CONFIGS[lang], search_type="plain")
        condition |= Q(Operator(F("vector_stems"), "@@", stemmed))
    return condition


def _folded(query):
    return Q(Operator(F("vector_folded"), "@@", _prefixes(query.match_terms)))


def _substrings(queryset, query, lang):
    """SQLite and others: every folded word is a substring; ranked with CASE expressions."""
    text = EntryText()
    whens = []
    if len(query.terms) > 1:
        whens.append(When(Contains(text, query.text), then=Value(EXACT_PHRASE)))
    whens.append(When(contains_all(text, query.terms), then=Value(EXACT_WORDS)))
    level = Case(*whens, default=Value(LOOKALIKE), output_field=FloatField())
    position = StrIndex(Fold(text), Value(query.folded))
    in_title = Q(GreaterThan(position, 0)) & Q(LessThan(position, StrIndex(text, Value(TITLE_END))))
    rank = level + Case(When(in_title, then=Value(IN_TITLE)), default=Value(0.0))
    entries = entries_of(queryset.model, lang)
    found = entries.filter(_condition(query, lang, postgresql=False))
    # An object has one entry per language: its rank is read from it by key alone.
    ranked = entries.filter(object_id=OuterRef("pk")).annotate(rank=rank).values("rank")[:1]
    return queryset.filter(pk__in=found.values("object_id")).annotate(
        rank=Subquery(ranked, output_field=FloatField())
    )


def _prefixes(groups):
    """Words beginning with one spelling of each group: ``(a:* | b:*) & c:*``."""

    def prefix(term):
        # Query words hold only letters and digits; quoting keeps any other a plain lexeme.
        return "'{}':*".format(term.replace("\\", "\\\\").replace("'", "''"))

    words = " & ".join("({})".format(" | ".join(map(prefix, group))) for group in groups)
    return SearchQuery(words, config="simple", search_type="raw")


def _postgresql(queryset, query, lang):
    """Words starting with the folded query words, or (ru, en) the same stems.

    Matching and rank are sets of keys, each from a GIN index of the search entries: the
    matching words (stored vectors) and the titles holding the query (trigram index). The
    content rows are read for their keys only; ``queryset``'s own filters, recency and keys
    come from its indexes (for news, the partial indexes of what readers may see).
    """
    entries = entries_of(queryset.model, lang)

    def keys(condition):
        return entries.filter(condition).values("object_id")

    folded = _folded(query)
    exactly = [[term] for term in query.terms]
    if query.has_lookalike_letters or query.match_terms != exactly:
        exact = Q(Operator(F("vector_plain"), "@@", _prefixes(exactly)))
        whens = [When(pk__in=keys(exact), then=Value(EXACT_WORDS))]
        lookalike = LOOKALIKE
    else:
        # No letter of the query has a look-alike, and it is looked for as typed: every
        # folded match is an exact one, and the exact matches need not be read separately.
        whens, lookalike = [], EXACT_WORDS
    if lang in FTS_CONFIGS:
        whens.append(When(pk__in=keys(folded), then=Value(lookalike)))
        level = Case(*whens, default=Value(STEM_ONLY), output_field=FloatField())
    elif whens:
        level = Case(*whens, default=Value(lookalike), output_field=FloatField())
    else:
        level = Value(lookalike, output_field=FloatField())
    titled = Q(Contains(F("title_folded"), query.folded))
    in_title = Case(When(pk__in=keys(titled), then=Value(IN_TITLE)), default=Value(0.0))
    # Inside CASE the match stays a hashed set that each visible key is looked up in. A plain
    # `pk IN (…)` becomes a join, and when the planner (which has no statistics on the vectors,
    # see migration 0014_squashed_0023) expects few matches it probes the rows one by one for the
    # queryset's own filters, reading their long texts.
    condition = _condition(query, lang, postgresql=True)
    matched = Case(When(pk__in=keys(condition), then=Value(True)), default=Value(False))
    return queryset.alias(matched=matched).filter(matched=True).annotate(rank=level + in_title)


def is_postgresql(alias):
    return connections[alias].vendor == "postgresql"


def corrected(query, lang, *, using="default"):
    """``query`` with each word unknown in ``lang`` replaced by the closest known one, or None."""
    if lang not in languages.content_languages():
        raise ValueError(lang)
    vocabulary = SearchWord.objects.using(using).filter(lang=lang)
    terms, changed = [], False
    for term in query.folded_terms:
        best = term
        if len(term) >= MIN_CORRECTED and not vocabulary.filter(word=term).exists():
            best = _closest(vocabulary, term, postgresql=is_postgresql(using)) or term
        changed |= best != term
        terms.append(best)
    return Query.from_terms(terms) if changed else None


def _closest(vocabulary, term, *, postgresql):
    """The known word closest to ``term``, if it is close enough to be the word meant.

    The databases only pick candidates (PostgreSQL's trigram index finds words sharing a third
    of their trigrams, "ғарыш" for "ғарышайлык" too); difflib decides on both, so the same
    typo is corrected, or not, on each.
    """
    if postgresql:
        candidates = (
            vocabulary.filter(word__trigram_similar=term)
            .annotate(similarity=TrigramSimilarity("word", term))
            .order_by("-similarity", "word")
            .values_list("word", flat=True)[:TRIGRAM_CANDIDATES]
        )
    else:
        candidates = vocabulary.filter(word__startswith=term[0]).values_list("word", flat=True)[
            :MAX_VOCABULARY_SCAN
        ]
    close = difflib.get_close_matches(term, list(candidates), n=1, cutoff=TYPO_CUTOFF)
    return close[0] if close else None
