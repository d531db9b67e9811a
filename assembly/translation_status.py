"""Whether each language of a record is complete, missing or outdated.

Kazakh is the source. When a Russian or English field is saved, ``translation_sources`` keeps a
short hash of the Kazakh text it was translated from; once the Kazakh text changes, the hash no
longer matches and the translation is outdated until a translator saves it again.
"""

import hashlib

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "kk"

COMPLETE = "complete"
MISSING = "missing"
OUTDATED = "outdated"
STATE_LABELS = {
    COMPLETE: _("complete"),
    MISSING: _("missing"),
    OUTDATED: _("outdated"),
}

# The human-readable fields whose translation decides a language's state, per model.
TRACKED_FIELDS = {
    "newsitem": ("title", "lead", "body", "hero_alt", "hero_caption"),
    "initiative": ("name", "summary", "description", "image_alt"),
    "institution": ("name", "description", "address", "image_alt"),
    "topic": ("name", "description"),
    "region": ("name",),
}


# Kazakh fields a record needs at all; ru and en are measured against whatever Kazakh text exists.
SOURCE_REQUIRED = {"newsitem": ("title", "lead", "body")}


def source_required(model):
    return SOURCE_REQUIRED.get(model._meta.model_name, tracked_fields(model)[:1])


def content_languages():
    return [code for code, _name in settings.LANGUAGES]


def target_languages():
    return [code for code in content_languages() if code != SOURCE_LANGUAGE]


def tracked_fields(model):
    return TRACKED_FIELDS.get(model._meta.model_name, ())


def is_tracked(model):
    return model._meta.model_name in TRACKED_FIELDS


def source_hash(text):
    normalized = " ".join((text or "").split())
    return hashlib.sha256(normalized.encode()).hexdigest()[:16]


def _filled(value):
    return bool(value and str(value).strip())


def _value(obj, field, lang):
    return getattr(obj, f"{field}_{lang}", None)


def language_state(obj, lang):
    if lang == SOURCE_LANGUAGE:
        required = source_required(type(obj))
        return COMPLETE if all(_filled(_value(obj, f, lang)) for f in required) else MISSING
    fields = tracked_fields(type(obj))
    sources = obj.translation_sources or {}
    outdated = False
    for field in fields:
        source = _value(obj, field, SOURCE_LANGUAGE)
        if not _filled(source):
            continue
        if not _filled(_value(obj, field, lang)):
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
    for lang in target_languages():
        notes = sources.setdefault(lang, {})
        for field in tracked_fields(type(obj)):
            if not _filled(_value(obj, field, lang)):
                notes.pop(field, None)
                continue
            current = _value(obj, field, SOURCE_LANGUAGE)
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
            field: source_hash(_value(obj, field, SOURCE_LANGUAGE))
            for field in tracked_fields(type(obj))
            if _filled(_value(obj, field, lang))
        }
    obj.translation_sources = sources


def missing_condition(model, lang):
    """Q: some tracked field has Kazakh text but none in ``lang``."""
    condition = Q(pk__in=[])
    if lang == SOURCE_LANGUAGE:
        for field in source_required(model):
            condition |= _empty(field, lang)
        return condition
    for field in tracked_fields(model):
        has_source = ~_empty(field, SOURCE_LANGUAGE)
        condition |= has_source & _empty(field, lang)
    return condition


def _empty(field, lang):
    return Q(**{f"{field}_{lang}__isnull": True}) | Q(**{f"{field}_{lang}": ""})


def outdated_pks(queryset, lang):
    """Primary keys of records whose ``lang`` translation no longer matches the Kazakh text."""
    if lang == SOURCE_LANGUAGE:
        return []
    fields = tracked_fields(queryset.model)
    candidates = (
        queryset.exclude(missing_condition(queryset.model, lang))
        .exclude(translation_sources={})
        .values_list("pk", "translation_sources", *(f"{f}_{SOURCE_LANGUAGE}" for f in fields))
    )
    found = []
    for pk, sources, *texts in candidates.iterator(chunk_size=500):
        notes = (sources or {}).get(lang, {})
        for field, text in zip(fields, texts, strict=True):
            if _filled(text) and notes.get(field) and notes[field] != source_hash(text):
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
