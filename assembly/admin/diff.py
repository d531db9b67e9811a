"""The compare view's rows: what changed between two saved versions, field by field.

Each field is shown once: a translated field appears as its language columns («Лид — Қазақ
тілі»), not also as the original column that mirrors the Kazakh one. Values are compared
as values (a time is an instant, whatever zone it was written in) and shown as an editor
reads them (choice labels, names of related objects, paragraphs kept apart).
"""

import datetime
import difflib
import re

from django.db import models
from django.utils import formats, timezone
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from assembly.history_notes import field_label

PARAGRAPH = "\n"
# Where rich text starts a new line: block elements and <br>.
_BLOCK_BREAK = re.compile(
    r"<br\s*/?>|</?(?:p|div|h[1-6]|li|ul|ol|blockquote|table|tr|figure|figcaption|hr)\b[^>]*>",
    re.IGNORECASE,
)


def _tokens(text):
    """Words, with PARAGRAPH between paragraphs."""
    tokens = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        words = paragraph.split()
        if words:
            if tokens:
                tokens.append(PARAGRAPH)
            tokens.extend(words)
    return tokens


def _render(tokens, tag=None):
    html, line = [], []

    def flush():
        if line:
            text = " ".join(line)
            html.append(format_html("<{}>{}</{}>", tag, text, tag) if tag else escape(text))
            line.clear()

    for token in tokens:
        if token == PARAGRAPH:
            flush()
            html.append(mark_safe("<br><br>"))
        else:
            line.append(token)
    flush()
    return mark_safe("".join(html))


def word_diff(old, new):
    """HTML with removed words in <del> and added words in <ins>; paragraphs stay apart."""
    old_words, new_words = _tokens(old), _tokens(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_render(old_words[a1:a2]))
            continue
        if a2 > a1:
            parts.append(_render(old_words[a1:a2], "del"))
        if b2 > b1:
            parts.append(_render(new_words[b1:b2], "ins"))
    # No space is added next to a paragraph break.
    text = " ".join(str(part) for part in parts if str(part))
    return mark_safe(text.replace(" <br><br>", "<br><br>").replace("<br><br> ", "<br><br>"))


def _html_as_text(html):
    return strip_tags(_BLOCK_BREAK.sub("\n", html))


def _related_names(field, value):
    pks = value if isinstance(value, list | tuple) else [value]
    names = {str(obj.pk): str(obj) for obj in field.related_model._base_manager.filter(pk__in=pks)}
    return ", ".join(names.get(str(pk), str(pk)) for pk in pks)


def as_text(field, value):
    """A stored value as an editor reads it."""
    if value is None or value == "" or value == []:
        return ""
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(moment, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if field.is_relation and field.related_model is not None:
        return _related_names(field, value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return _html_as_text(text) if "<" in text else text


def _same(old, new):
    # Aware datetimes compare as instants: 10:00Z equals 15:00+05:00.
    if isinstance(old, list) and isinstance(new, list):
        return sorted(map(str, old)) == sorted(map(str, new))
    return old == new


def _mirrored_fields(model):
    """The original columns of translated fields: they repeat the Kazakh column."""
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def version_diff(model, old_fields, new_fields):
    """Rows (label, old text, new text, word diff) for each field that differs."""
    rows = []
    mirrored = _mirrored_fields(model)
    for field in model._meta.get_fields():
        if field.name in mirrored or field.name == "updated_at":
            continue
        if not getattr(field, "editable", False) or isinstance(field, models.AutoField):
            continue
        name = getattr(field, "attname", field.name)
        key = field.name if field.name in old_fields or field.name in new_fields else name
        if key not in old_fields and key not in new_fields:
            continue
        old_value, new_value = old_fields.get(key), new_fields.get(key)
        if _same(old_value, new_value):
            continue
        old, new = as_text(field, old_value), as_text(field, new_value)
        if old == new:
            continue
        rows.append(
            {
                "label": field_label(model, field.name),
                "old": old,
                "new": new,
                "diff": word_diff(old, new),
            }
        )
    return rows
