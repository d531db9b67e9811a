"""History notes kept language-neutral and written out in the reader's language.

A revision's comment is stored as JSON in the shape of Django's LogEntry change message
(``[{"changed": {"fields": [...]}}]``), but with field *names* (``lead_kk``) instead of
English labels, plus a ``workflow`` entry for the publication actions. The history page
renders it with the reader's active language, so a Russian translator reads in Russian what
a Kazakh editor saved. Comments saved before this format stay as they were written.
"""

import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assembly import languages

WORKFLOW_NOTES = {
    "published": gettext_lazy("Published."),
    "unpublished": gettext_lazy("Unpublished."),
    "draft": gettext_lazy("Moved back to draft."),
}


def field_label(model, name):
    """``lead_kk`` -> «Лид — Қазақ тілі»: the verbose name, with the language it holds."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    original = getattr(field, "translated_field", None)  # a modeltranslation column
    if original is not None:
        language = languages.language_name(field.language)
        return f"{capfirst(original.verbose_name)} — {language}"
    return capfirst(getattr(field, "verbose_name", name))


# --- Writing --------------------------------------------------------------------------


def _model_key(obj):
    return obj._meta.label_lower


def change_note(form, formsets, add):
    """Django's change message for an admin save, naming fields rather than labelling them."""
    note = []
    if add:
        note.append({"added": {}})
    elif form.changed_data:
        note.append({"changed": {"fields": list(form.changed_data)}})
    for formset in formsets or ():
        for obj in formset.new_objects:
            note.append({"added": {"model": _model_key(obj), "object": str(obj)}})
        for obj, fields in formset.changed_objects:
            note.append(
                {"changed": {"model": _model_key(obj), "object": str(obj), "fields": fields}}
            )
        for obj in formset.deleted_objects:
            note.append({"deleted": {"model": _model_key(obj), "object": str(obj)}})
    return note


def workflow_note(action, *, time=None):
    entry = {"workflow": action}
    if time is not None:
        entry["time"] = time.isoformat()
    return json.dumps([entry])


def translation_note(action, *, language, file=None):
    """A translator's "confirmed" (still correct) or "imported" (from an agency's file)."""
    entry = {"translation": action, "language": language}
    if file:
        entry["file"] = file
    return json.dumps([entry])


def is_neutral(comment):
    try:
        return isinstance(json.loads(comment), list)
    except (TypeError, ValueError):
        return False


# --- Reading --------------------------------------------------------------------------


def _model(key, default):
    try:
        return apps.get_model(key) if key else default
    except (LookupError, ValueError):
        return default


def _fields(model, names):
    return get_text_list([field_label(model, name) for name in names], _("and"))


def _sentence(entry, model):
    if "translation" in entry:
        language = languages.language_name(entry.get("language"))
        if entry["translation"] == "imported":
            return _("Translation imported from the file “{file}” ({language}).").format(
                file=entry.get("file", ""), language=language
            )
        return _("Confirmed as still correct ({language}).").format(language=language)
    if "workflow" in entry:
        if entry["workflow"] in ("scheduled", "reverted"):
            moment = parse_datetime(entry.get("time") or "")
            when = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
            if entry["workflow"] == "reverted":
                return _("Reverted to previous version, saved on %(datetime)s") % {"datetime": when}
            return _("Scheduled for %(time)s.") % {"time": when}
        return str(WORKFLOW_NOTES.get(entry["workflow"], entry["workflow"]))
    (action, details), *_rest = entry.items()
    if not isinstance(details, dict):
        return None
    if "object" not in details:  # the item itself
        if action == "added":
            return _("Added.")
        if action == "changed":
            return _("Changed {fields}.").format(fields=_fields(model, details["fields"]))
        return None
    related = _model(details.get("model"), None)
    name = related._meta.verbose_name if related else details.get("name", "")
    values = {"name": name, "object": details["object"]}
    if action == "added":
        return _("Added {name} “{object}”.").format(**values)
    if action == "changed":
        fields = _fields(related or model, details.get("fields", []))
        return _("Changed {fields} for {name} “{object}”.").format(fields=fields, **values)
    if action == "deleted":
        return _("Deleted {name} “{object}”.").format(**values)
    return None


def render(model, comment):
    """The stored comment of a revision, in the active language."""
    try:
        note = json.loads(comment)
    except (TypeError, ValueError):
        return comment or ""
    if not isinstance(note, list):
        return comment
    sentences = []
    for entry in note:
        sentence = _sentence(entry, model) if isinstance(entry, dict) and entry else None
        if sentence is None:
            return comment
        sentences.append(sentence)
    return " ".join(sentences) or _("No fields changed.")
