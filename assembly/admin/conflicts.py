"""Two people editing one item: a three-way merge of the change form, field by field.

The hidden ``edit_token`` holds a fingerprint of each field as the editor first saw it. On
save, each field is compared three ways: as first seen, as saved now and as posted.

- Changed only by the other person: the saved value stays, and the form shows it.
- Changed only by this editor: theirs is saved.
- Changed by both, to different values: nothing is saved; the form shows both versions and
  asks, per field, which one to keep. The fresh token names those fields, and the next save
  keeps what the editor chose.
"""

import datetime
import hashlib
import json
import re
from decimal import Decimal

from django import forms
from django.core.files import File
from django.db import models
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import translator
from reversion.models import Version

from assembly.models.fields import SanitizedHTMLField
from assembly.richtext import sanitize_html

THEIRS, YOURS = "theirs", "yours"
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|tr|figcaption)>|<br\s*/?>", re.IGNORECASE)


def _fingerprint(value):
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def comparable(model_field, value):
    """``value`` of ``model_field`` in one shape, whether stored or posted."""
    if isinstance(model_field, models.FileField):
        return getattr(value, "name", None) or ""  # False (cleared) and None are no file
    if value is None:
        return ""  # an empty text field is stored as NULL or "" depending on its path
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return sorted(comparable(model_field, v) for v in value)
    if isinstance(value, datetime.datetime):
        # Forms post whole seconds in the editor's time zone; the same instant is no change.
        return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, str):
        if isinstance(model_field, SanitizedHTMLField):
            value = sanitize_html(value)
        return value.replace("\r\n", "\n").strip()
    return value


def shown_value(model_field, value):
    """``value`` as text an editor can read side by side with another."""
    if value in (None, "", False) and not isinstance(model_field, models.BooleanField):
        return ""
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value else _("No")
    if model_field.many_to_many:
        pks = [getattr(v, "pk", v) for v in value]
        related = model_field.related_model._base_manager.filter(pk__in=pks)
        return ", ".join(sorted(str(o) for o in related))
    if model_field.is_relation:
        pk = getattr(value, "pk", value)
        related = model_field.related_model._base_manager.filter(pk=pk).first()
        return str(related) if related else ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, File):
        return value.name or ""
    text = str(value)
    if "<" in text:
        text = strip_tags(_BLOCK_END.sub("\n", text))
    return Truncator(text.strip()).words(80)


class EditConflictMixin(forms.ModelForm):
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_conflicts = []  # fields both changed: shown side by side, with a choice
        self.kept_their_changes = []  # labels of fields only the other person changed
        self.last_saved = None
        if self.instance.pk:
            self.fields["edit_token"].initial = self._token(self.tracked_values())

    # --- What is compared -----------------------------------------------------

    def tracked_fields(self):
        opts = self.instance._meta
        # The untranslated "title" mirrors one language; its title_kk/_ru/_en are compared.
        translated = set(translator.get_options_for_model(type(self.instance)).fields)
        for model_field in opts.concrete_fields:
            if model_field.editable and not model_field.primary_key:
                if model_field.name not in translated:
                    yield model_field
        for model_field in opts.many_to_many:
            if model_field.name in self.fields:
                yield model_field

    def tracked_values(self):
        values = {}
        for model_field in self.tracked_fields():
            if model_field.many_to_many:
                stored = list(getattr(self.instance, model_field.name).all())
            else:
                stored = model_field.value_from_object(self.instance)
            values[model_field.name] = comparable(model_field, stored)
        return values

    def _token(self, values, ask=()):
        seen = {name: _fingerprint(value) for name, value in values.items()}
        return json.dumps({"seen": seen, "ask": sorted(ask)}, separators=(",", ":"))

    @staticmethod
    def _read_token(token):
        try:
            data = json.loads(token)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("seen"), dict):
            # A damaged token: every field counts as changed by both, so nothing is overwritten.
            return {}, set()
        ask = data.get("ask")
        return data["seen"], set(ask) if isinstance(ask, list) else set()

    def choice_name(self, field_name):
        return self.add_prefix(f"keep_{field_name}")

    # --- The merge ------------------------------------------------------------

    def merge_concurrent_changes(self, cleaned_data):
        token = self.data.get(self.add_prefix("edit_token")) if self.is_bound else None
        if not (self.instance.pk and token):
            return
        seen, ask = self._read_token(token)
        stored = self.tracked_values()
        fields = {f.name: f for f in self.tracked_fields()}
        conflicts, theirs = [], []
        for name, now in stored.items():
            if name not in cleaned_data:
                continue  # not editable here, or invalid: the saved value stays
            mine = comparable(fields[name], cleaned_data[name])
            if mine == now:
                continue
            if seen.get(name) != _fingerprint(now):  # saved by someone else since
                if seen.get(name) == _fingerprint(mine):
                    theirs.append(name)  # untouched here: the newer saved value stays
                else:
                    conflicts.append(name)
            elif name in ask:
                choice = self.data.get(self.choice_name(name))
                if choice == THEIRS:
                    theirs.append(name)
                elif choice != YOURS:
                    conflicts.append(name)
        for name in theirs:
            self._keep_saved_value(name, cleaned_data)
        self.kept_their_changes = [self._label(fields[name]) for name in theirs]
        if conflicts or theirs:
            self.last_saved = (
                Version.objects.get_for_object(self.instance)
                .select_related("revision__user")
                .first()
            )
        if conflicts:
            self._report_conflicts(conflicts, fields, cleaned_data)
        data = self.data.copy()
        data[self.add_prefix("edit_token")] = self._token(stored, ask=conflicts)
        self.data = data

    def _keep_saved_value(self, name, cleaned_data):
        # Left out of cleaned_data, the field is not written; the form shows the saved value.
        del cleaned_data[name]
        field = self.fields[name]
        if isinstance(field.widget, forms.FileInput):
            return
        data = self.data.copy()
        html_name = self.add_prefix(name)
        value = field.prepare_value(self.get_initial_for_field(field, name))
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            for suffix, part, part_value in zip(
                widget.widgets_names, widget.widgets, widget.decompress(value), strict=True
            ):
                data[html_name + suffix] = part.format_value(part_value) or ""
        elif isinstance(widget, forms.CheckboxInput):
            data.pop(html_name, None)
            if value:
                data[html_name] = "on"
        else:
            shown = widget.format_value(value)
            if isinstance(shown, list):
                if getattr(widget, "allow_multiple_selected", False):
                    data.setlist(html_name, shown)
                else:
                    data[html_name] = shown[0] if shown else ""
            else:
                data[html_name] = "" if shown is None else shown
        self.data = data
        self.__dict__.pop("changed_data", None)

    def _report_conflicts(self, names, fields, cleaned_data):
        for name in names:
            model_field = fields[name]
            if model_field.many_to_many:
                saved = list(getattr(self.instance, name).all())
            else:
                saved = model_field.value_from_object(self.instance)
            self.edit_conflicts.append(
                {
                    "field": name,
                    "label": self._label(model_field),
                    "theirs": shown_value(model_field, saved),
                    "yours": shown_value(model_field, cleaned_data[name]),
                    "choice_name": self.choice_name(name),
                }
            )
        self.add_error(
            None,
            forms.ValidationError(
                gettext_lazy(
                    "Someone else saved this item after you opened it and changed some of the "
                    "fields you changed. Nothing was saved. Choose below which version of each "
                    "field to keep, then save again."
                ),
                code="edit_conflict",
            ),
        )

    def _label(self, model_field):
        # As the form labels it (with its language, for a translated field).
        return str(self.fields[model_field.name].label or model_field.verbose_name)
