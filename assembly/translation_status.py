"""Whether each language of a record is complete, missing or outdated.

The source language (Kazakh, assembly/languages.py) is written first. When a field in another
language is saved, ``translation_sources`` keeps a short hash of the source text it was
translated from; once the source text changes, the hash no longer matches and the translation is
outdated until a translator saves it again. Which fields count is declared in translation.py.
"""

import hashlib

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .languages import (
    content_languages,
    filled,
    is_filled,
    required_fields,
    source_language,
    tracked_fields,
    translation_languages,
)

COMPLETE = "complete"
MISSING = "missing"
OUTDATED = "outdated"
STATE_LABELS = {
    COMPLETE: _("complete"),
    MISSING: _("missing"),
    OUTDATED: _("outdated"),
}


def source_hash(text):
    normalized = " ".join((text or "").split())
    return hashlib.sha256(normalized.encode()).hexdigest()[:16]


def _value(obj, field, lang):
    return getattr(obj, f"{field}_{lang}", None)


def language_state(obj, lang):
    if lang == source_language():
        required = required_fields(type(obj))
        return COMPLETE if all(is_filled(_value(obj, f, lang)) for f in required) else MISSING
    fields = tracked_fields(type(obj))
    sources = obj.translation_sources or {}
    outdated = False
    for field in fields:
        source = _value(obj, field, source_language())
        if not is_filled(source):
            continue
        if not is_filled(_value(obj, field, lang)):
            return MISSING
        recorded = sources.get(lang, {}).get(field)
        if recorded and recorded != source_hash(source):
            outdated = True
    return OUTDATED if outdated else COMPLETE


def translation_states(obj):
    return {lang: language_state(obj, lang) for lang in content_languages()}


def record_translation_sources(obj, *, changed_fields, previous_source=None):
    """Notes which Kazakh text each filled ru/en field now translates.

    ``changed_fields`` are the ``<field>_<lang>`` names the editor changed in this save;
    ``previous_source`` maps a field to its Kazakh text before the save (``None`` for a new
    record). A translation without a note yet is taken to match the Kazakh text it was saved
    next to.
    """
    sources = {lang: dict(fields) for lang, fields in (obj.translation_sources or {}).items()}
    for lang in translation_languages():
        notes = sources.setdefault(lang, {})
        for field in tracked_fields(type(obj)):
            if not is_filled(_value(obj, field, lang)):
                notes.pop(field, None)
                continue
            current = _value(obj, field, source_language())
            if f"{field}_{lang}" in changed_fields or previous_source is None:
                notes[field] = source_hash(current)
            elif field not in notes:
                notes[field] = source_hash(previous_source.get(field, current))
        if not notes:
            sources.pop(lang)
    obj.translation_sources = sources


def mark_translations_current(obj, languages):
    sources = {lang: dict(fields) for lang, fields in (obj.translation_sources or {}).items()}
    for lang in languages:
        sources[lang] = {
            field: source_hash(_value(obj, field, source_language()))
            for field in tracked_fields(type(obj))
            if is_filled(_value(obj, field, lang))
        }
    obj.translation_sources = sources


def missing_condition(model, lang):
    """Q: some tracked field has Kazakh text but none in ``lang``."""
    condition = Q(pk__in=[])
    if lang == source_language():
        for field in required_fields(model):
            condition |= _empty(field, lang)
        return condition
    for field in tracked_fields(model):
        condition |= filled(field, source_language()) & _empty(field, lang)
    return condition


def _empty(field, lang):
    return ~filled(field, lang)


def outdated_pks(queryset, lang):
    """Primary keys of records whose ``lang`` translation no longer matches the Kazakh text."""
    if lang == source_language():
        return []
    fields = tracked_fields(queryset.model)
    candidates = (
        queryset.exclude(missing_condition(queryset.model, lang))
        .exclude(translation_sources={})
        .values_list("pk", "translation_sources", *(f"{f}_{source_language()}" for f in fields))
    )
    found = []
    for pk, sources, *texts in candidates.iterator(chunk_size=500):
        notes = (sources or {}).get(lang, {})
        for field, text in zip(fields, texts, strict=True):
            if is_filled(text) and notes.get(field) and notes[field] != source_hash(text):
                found.append(pk)
                break
    return found


def language_counts(queryset, lang):
    total = queryset.count()
    missing = queryset.filter(missing_condition(queryset.model, lang)).count()
    outdated = len(outdated_pks(queryset, lang))
    return {
        COMPLETE: total - missing - outdated,
        MISSING: missing,
        OUTDATED: outdated,
        "total": total,
    }
