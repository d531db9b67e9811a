import datetime
import hashlib
import json
import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import (
    AdminProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media, Script
from modeltranslation.translator import translator

from assembly.models import NewsItem

# What the editor may produce; assembly/richtext.py allows all of it and cleans the rest.
PROSE_EDITOR_CONFIG = {
    "types": [
        "Blockquote",
        "Bold",
        "BulletList",
        "Heading",
        "HorizontalRule",
        "Italic",
        "Link",
        "OrderedList",
        "Strike",
        "Subscript",
        "Superscript",
        "Underline",
        "Table",
    ],
    "headingLevels": [2, 3, 4],
    "history": True,
    "html": False,
    "typographic": True,
}


class PlainNumberInput(forms.NumberInput):
    """A number as a person writes it: 4 and 95, not the column's 4.00 and 95.00."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = f"{value.normalize():f}"
        return super().format_value(value)


class RichTextWidget(AdminProseEditorWidget):
    """django-prose-editor with the project's preset: pasted links keep their address."""

    def __init__(self, **kwargs):
        super().__init__(config=PROSE_EDITOR_CONFIG, preset="assembly", **kwargs)

    @property
    def media(self):
        return prose_editor_admin_media + Media(
            js=[prose_editor_js, Script("assembly/admin/prose-editor.js", type="module")]
        )


def rich_text_widget():
    return RichTextWidget()


def empty_if_blank_html(html):
    # The editor leaves "<p></p>" in an untouched field; that is no translation.
    if html and not strip_tags(html).strip():
        return ""
    return html


MAX_NESTING = 100
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
# Void elements never nest; these others are closed implicitly by the HTML parser.
_NOT_NESTING = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"),
    *("track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "option"),
}


def nesting_depth(html):
    """Deepest element nesting, counted in one linear pass (an upper bound of the DOM's)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html or ""):
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def check_rich_text(html):
    # The sanitizer's HTML parser slows down badly on thousands of nested elements.
    if nesting_depth(html) > MAX_NESTING:
        raise forms.ValidationError(
            _("The text is nested more than %(limit)d levels deep and cannot be saved."),
            code="nesting",
            params={"limit": MAX_NESTING},
        )


def _fingerprint(value):
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class EditConflictForm(forms.ModelForm):
    """Refuses a save when someone else saved the record after this form was opened.

    The hidden ``edit_token`` holds a fingerprint of each field as the editor first saw it.
    On a mismatch the form shows, per field, what the other editor saved next to the editor's
    own unsaved input, and carries a fresh token so that a second, informed save goes through.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_conflicts = []
        if self.instance.pk:
            self.fields["edit_token"].initial = self.current_token()

    def tracked_values(self):
        instance = self.instance
        # The untranslated "title" mirrors one language; its title_kk/_ru/_en are compared.
        translated = set(translator.get_options_for_model(type(instance)).fields)
        values = {}
        for model_field in instance._meta.concrete_fields:
            if (
                not model_field.editable
                or model_field.primary_key
                or model_field.name in translated
            ):
                continue
            value = model_field.value_from_object(instance)
            if value is None:
                value = ""  # an empty text field is stored as NULL or "" depending on its path
            elif isinstance(value, datetime.datetime):
                # Forms post whole seconds; a stored fraction is no one's change.
                value = value.replace(microsecond=0)
            values[model_field.name] = value
        for model_field in instance._meta.many_to_many:
            if model_field.name in self.fields:
                values[model_field.name] = sorted(
                    getattr(instance, model_field.name).values_list("pk", flat=True)
                )
        return values

    def current_token(self):
        fingerprints = {name: _fingerprint(v) for name, v in self.tracked_values().items()}
        return json.dumps(fingerprints, separators=(",", ":"), sort_keys=True)

    def clean(self):
        cleaned_data = super().clean()
        for name in list(cleaned_data):
            if name.startswith("body_"):
                try:
                    check_rich_text(cleaned_data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
                    continue
                cleaned_data[name] = empty_if_blank_html(cleaned_data[name])
        self._check_image_alt(cleaned_data)
        token = self.data.get(self.add_prefix("edit_token")) if self.is_bound else None
        if self.instance.pk and token:
            self._check_conflict(token, cleaned_data)
        return cleaned_data

    def _check_image_alt(self, cleaned_data):
        # Initiatives and institutions: an image shown on the site needs its Kazakh alt text.
        names = {f.name for f in self.instance._meta.get_fields()}
        if not {"image", "image_alt_kk", "is_published"} <= names:
            return
        shown = cleaned_data.get("is_published", self.instance.is_published)
        image = cleaned_data.get("image", self.instance.image)
        alt = cleaned_data.get("image_alt_kk", self.instance.image_alt_kk)
        if shown and image and not (alt or "").strip():
            message = _("Write the Kazakh alt text of the image before publishing.")
            field = "image_alt_kk" if "image_alt_kk" in self.fields else None
            self.add_error(field, message)

    def _check_conflict(self, token, cleaned_data):
        try:
            seen = json.loads(token)
        except ValueError:
            seen = None
        if not isinstance(seen, dict):
            seen = {}  # a damaged token: every field counts as changed, nothing is overwritten
        current_values = self.tracked_values()
        changed = [
            name for name, value in current_values.items() if seen.get(name) != _fingerprint(value)
        ]
        if not changed:
            return
        opts = self.instance._meta
        for name in changed:
            value = current_values[name]
            theirs = display_value(self.instance, name, value)
            yours = (
                display_value(self.instance, name, cleaned_data[name])
                if name in cleaned_data
                else None
            )
            self.edit_conflicts.append(
                {
                    "field": name,
                    "label": opts.get_field(name).verbose_name,
                    "theirs": theirs,
                    "yours": yours,
                }
            )
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "Someone else saved this item after you opened it. Nothing was saved. "
                    "Compare their changes below with yours, then save again to keep "
                    "your version."
                ),
                code="edit_conflict",
            ),
        )
        # The next save is an informed one: it compares against what is stored now.
        data = self.data.copy()
        data[self.add_prefix("edit_token")] = self.current_token()
        self.data = data


def display_value(instance, name, value):
    model_field = instance._meta.get_field(name)
    if value in (None, ""):
        return ""
    if model_field.many_to_many:
        pks = [getattr(v, "pk", v) for v in value]
        return ", ".join(str(o) for o in model_field.related_model._base_manager.filter(pk__in=pks))
    if model_field.is_relation:
        pk = getattr(value, "pk", value)
        related = model_field.related_model._base_manager.filter(pk=pk).first()
        return str(related) if related else ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if hasattr(value, "name"):
        return value.name or ""
    return str(value)


class NewsItemAdminForm(EditConflictForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's queryset tells what readers see: live on schedule reads "published".
        effective = getattr(self.instance, "effective_status", None)
        if effective and "status" in self.fields:
            self.initial["status"] = effective

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status", self.instance.status)
        going_public = status in (NewsItem.Status.PUBLISHED, NewsItem.Status.SCHEDULED)
        image = cleaned_data.get("hero_image", self.instance.hero_image)
        alt_field = "hero_alt_kk"
        alt = cleaned_data.get(alt_field, self.instance.hero_alt_kk)
        if going_public and image and not (alt or "").strip():
            message = _("Write the Kazakh alt text of the image before publishing.")
            if alt_field in self.fields and alt_field not in self.errors:
                self.add_error(alt_field, message)
            else:
                self.add_error(None, message)
        if going_public and not cleaned_data.get("published_at", self.instance.published_at):
            if status == NewsItem.Status.SCHEDULED and "published_at" in self.fields:
                self.add_error("published_at", _("A scheduled item needs the time it goes live."))
            elif "published_at" in self.fields:
                cleaned_data["published_at"] = timezone.now()
        return cleaned_data
