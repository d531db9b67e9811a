import difflib

from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe


def word_diff(old, new):
    """HTML with removed words in <del> and added words in <ins>."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])))
    return mark_safe(" ".join(parts))


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return strip_tags(str(value)) if "<" in str(value) else str(value)


def version_diff(model, old_fields, new_fields):
    """Rows (label, old text, new text, word diff) for each field that differs."""
    rows = []
    for field in model._meta.get_fields():
        name = getattr(field, "attname", field.name)
        key = field.name if field.name in old_fields or field.name in new_fields else name
        if key not in old_fields and key not in new_fields:
            continue
        if not getattr(field, "editable", False) or field.name == "updated_at":
            continue
        old, new = _as_text(old_fields.get(key)), _as_text(new_fields.get(key))
        if old == new:
            continue
        rows.append(
            {
                "label": getattr(field, "verbose_name", field.name),
                "old": old,
                "new": new,
                "diff": word_diff(old, new),
            }
        )
    return rows
