"""The Kazakh text each translation was made from, and what changed in it since.

``translation_sources`` on a record holds only a hash per field and language
(assembly/translation_status.py). After every save that records a hash matching the current
Kazakh text, ``keep_sources`` stores that text in ``TranslationSource``. When the Kazakh text
changes later, the stored text is the "then" of a word-level diff against "now". Rich text is
compared as the words a reader sees, not as markup.
"""

import difflib
import html

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags

from assembly import translation_status as status
from assembly.languages import is_tracked, source_language, tracked_fields, translation_languages
from assembly.models import TranslationSource

EQUAL, INSERTED, DELETED = "equal", "inserted", "deleted"


def plain_text(value):
    """The words of a field as a reader sees them: tags dropped, entities decoded."""
    text = strip_tags((value or "").replace("><", "> <"))
    return " ".join(html.unescape(text).split())


def word_diff(then, now):
    """``[(kind, text), ...]`` turning the plain text of ``then`` into that of ``now``."""
    old, new = plain_text(then).split(), plain_text(now).split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append((EQUAL, " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append((DELETED, " ".join(old[i1:i2])))
        if j2 > j1:
            parts.append((INSERTED, " ".join(new[j1:j2])))
    return parts


def _rows(obj):
    return TranslationSource.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj), for_concrete_model=False),
        object_id=str(obj.pk),
    )


def kept_sources(obj):
    """``{(lang, field): TranslationSource}`` for ``obj``."""
    return {(row.language, row.field): row for row in _rows(obj)}


def keep_sources(obj, *, by=None):
    """Stores the Kazakh text of every field whose translation now matches it."""
    if not is_tracked(type(obj)):
        return
    kept = kept_sources(obj)
    content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
    notes = obj.translation_sources or {}
    for lang in translation_languages():
        for field in tracked_fields(type(obj)):
            text = getattr(obj, f"{field}_{source_language()}", None) or ""
            digest = status.source_hash(text)
            if notes.get(lang, {}).get(field) != digest:
                continue
            row = kept.get((lang, field))
            if row is None:
                row = TranslationSource(
                    content_type=content_type,
                    object_id=str(obj.pk),
                    language=lang,
                    field=field,
                )
            elif row.source_hash == digest and row.source_text == text:
                continue
            row.source_text, row.source_hash, row.saved_by = text, digest, by
            row.save()


def field_states(obj, lang):
    """Per tracked field: its state in ``lang`` and, when outdated, the Kazakh diff."""
    kept = kept_sources(obj)
    notes = (obj.translation_sources or {}).get(lang, {})
    states = []
    for field in tracked_fields(type(obj)):
        source = getattr(obj, f"{field}_{source_language()}", None) or ""
        target = getattr(obj, f"{field}_{lang}", None) or ""
        row = kept.get((lang, field))
        state, diff = status.COMPLETE, None
        if source.strip() and not target.strip():
            state = status.MISSING
        elif notes.get(field) and notes[field] != status.source_hash(source):
            state = status.OUTDATED
            if row is not None and row.source_hash == notes[field]:
                diff = word_diff(row.source_text, source)
        states.append({"field": field, "state": state, "diff": diff, "kept": row})
    return states
