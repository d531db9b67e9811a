"""Matching and ranking on the stored search text, for SQLite and PostgreSQL.

Every query matches the folded text, so Kazakh letters and their Russian look-alikes find
each other; the reader's own letters rank above look-alikes, and a match in the title above
one in the body. SQLite matches substrings. PostgreSQL matches word beginnings through GIN
indexes on stored word vectors (migration 0011) and adds stemming (``russian``, ``english``),
and ranks on sets of keys only (stored titles: migration 0012). Typos are corrected against
the reader's language's SearchWord vocabulary (trigrams on PostgreSQL, difflib elsewhere).
"""

import difflib

from django.contrib.postgres.search import SearchQuery, SearchVectorField, TrigramSimilarity
from django.db import connections
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import Contains, GreaterThan, LessThan

from .models import SearchWord
from .text import (
    LOOKALIKE_FROM,
    LOOKALIKE_TO,
    SEARCH_LANGUAGES,
    TITLE_COLUMNS,
    TITLE_END,
    VECTOR_COLUMNS,
    Query,
)

FTS_CONFIGS = {"ru": "russian", "en": "english"}
EXACT_PHRASE, EXACT_WORDS, LOOKALIKE, STEM_ONLY, IN_TITLE = 3.0, 2.0, 1.0, 0.5, 0.5
MIN_CORRECTED = 4
MAX_VOCABULARY_SCAN = 5000
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


def search_column(lang):
    if lang not in SEARCH_LANGUAGES:
        raise ValueError(lang)
    return f"search_{lang}"


def folded_column(lang):
    return Fold(F(search_column(lang)))


class Vector(Func):
    """PostgreSQL: the word vector of a search column, through a function of the migration.

    ``assembly_search_vector`` is declared expensive, so the planner answers matches from its
    GIN indexes instead of computing the vector of every row; each vector has such an index.
    """

    output_field = SearchVectorField()

    def __init__(self, lang, config="simple", *, folded=False):
        if config not in {"simple", *FTS_CONFIGS.values()}:
            raise ValueError(config)
        self.config, self.folded = config, folded
        super().__init__(F(search_column(lang)))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        folded = "true" if self.folded else "false"
        return f"assembly_search_vector('{self.config}'::regconfig, {sql}, {folded})", params


def stored_vector(lang, kind):
    """PostgreSQL: a word vector column kept by the trigger of migration 0011."""
    return F(VECTOR_COLUMNS[lang, kind])


# Expressions of migration 0010's indexes, which 0011 replaced by stored columns.
def folded_vector(lang):
    return Vector(lang, folded=True)


def plain_vector(lang):
    return Vector(lang)


def fts_vector(lang):
    return Vector(lang, FTS_CONFIGS[lang])


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


def _substrings(queryset, query, lang):
    """SQLite and others: every folded word is a substring; ranked with CASE expressions."""
    column, folded = F(search_column(lang)), folded_column(lang)
    whens = []
    if len(query.terms) > 1:
        whens.append(When(Contains(column, query.text), then=Value(EXACT_PHRASE)))
    whens.append(When(contains_all(column, query.terms), then=Value(EXACT_WORDS)))
    level = Case(*whens, default=Value(LOOKALIKE), output_field=FloatField())
    position = StrIndex(folded, Value(query.folded))
    in_title = Q(GreaterThan(position, 0)) & Q(
        LessThan(position, StrIndex(column, Value(TITLE_END)))
    )
    rank = level + Case(When(in_title, then=Value(IN_TITLE)), default=Value(0.0))
    return queryset.filter(contains_one_of_each(folded, query.match_terms)).annotate(rank=rank)


def _prefixes(groups):
    """Words beginning with one spelling of each group: ``(a:* | b:*) & c:*``."""

    def prefix(term):
        # Query words hold only letters and digits; quoting keeps any other a plain lexeme.
        return "'{}':*".format(term.replace("\\", "\\\\").replace("'", "''"))

    words = " & ".join("({})".format(" | ".join(map(prefix, group))) for group in groups)
    return SearchQuery(words, config="simple", search_type="raw")


def _postgresql(queryset, query, lang):
    """Words starting with the folded query words, or (ru, en) the same stems.

    Matching and rank are sets of keys, each from a GIN index: the matching words (migration
    0011's vectors) and the titles holding the query (migration 0012's trigram indexes). Rows
    are read for their keys only; ``queryset``'s own filters, recency and keys come from its
    indexes (for news, the partial indexes of what readers may see, read index-only).
    """
    everything = queryset.model._base_manager.order_by()

    def keys(condition):
        return everything.filter(condition).values("pk")

    folded = Q(Operator(stored_vector(lang, "folded"), "@@", _prefixes(query.match_terms)))
    condition = folded
    exactly = [[term] for term in query.terms]
    if query.has_lookalike_letters or query.match_terms != exactly:
        exact = Q(Operator(stored_vector(lang, "plain"), "@@", _prefixes(exactly)))
        whens = [When(pk__in=keys(exact), then=Value(EXACT_WORDS))]
        lookalike = LOOKALIKE
    else:
        # No letter of the query has a look-alike, and it is looked for as typed: every
        # folded match is an exact one, and the exact matches need not be read separately.
        whens, lookalike = [], EXACT_WORDS
    if lang in FTS_CONFIGS:
        stemmed = SearchQuery(query.text, config=FTS_CONFIGS[lang], search_type="plain")
        condition |= Q(Operator(stored_vector(lang, "stems"), "@@", stemmed))
        whens.append(When(pk__in=keys(folded), then=Value(lookalike)))
        level = Case(*whens, default=Value(STEM_ONLY), output_field=FloatField())
    elif whens:
        level = Case(*whens, default=Value(lookalike), output_field=FloatField())
    else:
        level = Value(lookalike, output_field=FloatField())
    titled = Q(Contains(F(TITLE_COLUMNS[lang]), query.folded))
    in_title = Case(When(pk__in=keys(titled), then=Value(IN_TITLE)), default=Value(0.0))
    # Inside CASE the match stays a hashed set that each visible key is looked up in. A plain
    # `pk IN (…)` becomes a join, and when the planner (which has no statistics on the vectors,
    # see migration 0011) expects few matches it probes the rows one by one for the
    # queryset's own filters, reading their long texts: 90 ms for a two-word query.
    matched = Case(When(pk__in=keys(condition), then=Value(True)), default=Value(False))
    return queryset.alias(matched=matched).filter(matched=True).annotate(rank=level + in_title)


def is_postgresql(alias):
    return connections[alias].vendor == "postgresql"


def corrected(query, lang, *, using="default"):
    """``query`` with each word unknown in ``lang`` replaced by the closest known one, or None."""
    if lang not in SEARCH_LANGUAGES:
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
    if postgresql:
        return (
            vocabulary.filter(word__trigram_similar=term)
            .annotate(similarity=TrigramSimilarity("word", term))
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
    words = vocabulary.filter(word__startswith=term[0]).values_list("word", flat=True)
    close = difflib.get_close_matches(term, list(words[:MAX_VOCABULARY_SCAN]), n=1, cutoff=0.75)
    return close[0] if close else None
