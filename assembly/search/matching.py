"""Matching and ranking on the stored search text, for SQLite and PostgreSQL.

Every query matches the folded text, so Kazakh letters and their Russian look-alikes find
each other; the reader's own letters rank above look-alikes, and a match in the title above
one in the body. PostgreSQL adds stemming (``russian``, ``english``). The search migration
indexes exactly these expressions. Ranking uses only cheap expressions, so that a word found
in every one of 10,000 news items is still ranked quickly.
"""

import difflib

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import connections
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import Contains, GreaterThan, LessThan

from .models import SearchWord
from .text import LOOKALIKE_FROM, LOOKALIKE_TO, SEARCH_LANGUAGES, TITLE_END, Query

FTS_CONFIGS = {"ru": "russian", "en": "english"}
EXACT_PHRASE, EXACT_WORDS, LOOKALIKE, STEM_ONLY, IN_TITLE = 3.0, 2.0, 1.0, 0.5, 0.5
MIN_CORRECTED = 4
MAX_VOCABULARY_SCAN = 5000


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


def fts_vector(lang):
    return SearchVector(search_column(lang), config=FTS_CONFIGS[lang])


def all_of(conditions):
    combined = Q()
    for condition in conditions:
        combined &= Q(condition)
    return combined


def contains_all(expression, terms):
    return all_of(Contains(expression, term) for term in terms)


def relevance(query, lang):
    column, folded = F(search_column(lang)), folded_column(lang)
    whens = []
    if len(query.terms) > 1:
        whens.append(When(Contains(column, query.text), then=Value(EXACT_PHRASE)))
    whens.append(When(contains_all(column, query.terms), then=Value(EXACT_WORDS)))
    whens.append(When(contains_all(folded, query.folded_terms), then=Value(LOOKALIKE)))
    level = Case(*whens, default=Value(STEM_ONLY), output_field=FloatField())
    position = StrIndex(folded, Value(query.folded))
    in_title = Q(GreaterThan(position, 0)) & Q(
        LessThan(position, StrIndex(column, Value(TITLE_END)))
    )
    return level + Case(When(in_title, then=Value(IN_TITLE)), default=Value(0.0))


def matching(queryset, query, lang):
    """``queryset`` narrowed to what ``query`` finds in ``lang``, annotated with ``rank``."""
    if not isinstance(query, Query):
        query = Query(query)
    if not query:
        return queryset.none()
    condition = contains_all(folded_column(lang), query.folded_terms)
    if is_postgresql(queryset.db) and lang in FTS_CONFIGS:
        stemmed = SearchQuery(query.text, config=FTS_CONFIGS[lang], search_type="plain")
        condition |= Q(Operator(fts_vector(lang), "@@", stemmed))
    return queryset.filter(condition).annotate(rank=relevance(query, lang))


def is_postgresql(alias):
    return connections[alias].vendor == "postgresql"


def corrected(query, *, using="default"):
    """``query`` with each unknown word replaced by the closest known one, or None."""
    vocabulary = SearchWord.objects.using(using)
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
