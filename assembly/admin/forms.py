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

from assembly import workflow
from assembly.models import NewsItem

from . import kept_uploads
from .conflicts import EditConflictMixin
from .kept_uploads import KeptUploadWidget

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


class EditConflictForm(EditConflictMixin, forms.ModelForm):
    """Edit conflicts merged field by field (conflicts.py), rich text and alt text checked,
    a chosen image kept through a failed validation (kept_uploads.py)."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            if isinstance(field.widget, KeptUploadWidget):
                field.widget.refused = name in self._errors

    def save(self, commit=True):
        instance = super().save(commit)
        for name, field in self.fields.items():
            if isinstance(field.widget, KeptUploadWidget):
                kept_uploads.forget_after_commit(self.cleaned_data.get(name))
        return instance

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
        self.merge_concurrent_changes(cleaned_data)
        self.check_publication_rules(cleaned_data)
        return cleaned_data

    def goes_public(self, cleaned_data):
        """Whether readers will see the record once saved: initiatives and institutions."""
        if not any(f.name == "is_published" for f in self.instance._meta.get_fields()):
            return False
        return cleaned_data.get("is_published", self.instance.is_published)

    def check_publication_rules(self, cleaned_data):
        # The workflow's rules (workflow.publication_problems), shown on their fields; a
        # field that already has an error keeps that one.
        if not self.goes_public(cleaned_data):
            return
        for field, message in workflow.publication_problems(self.instance, cleaned_data):
            if field not in self.errors:
                self.add_error(field if field in self.fields else None, message)


class NewsItemAdminForm(EditConflictForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's queryset tells what readers see: live on schedule reads "published".
        effective = getattr(self.instance, "effective_status", None)
        if effective and "status" in self.fields:
            self.initial["status"] = effective

    def goes_public(self, cleaned_data):
        status = cleaned_data.get("status", self.instance.status)
        return status in (NewsItem.Status.PUBLISHED, NewsItem.Status.SCHEDULED)

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status", self.instance.status)
        has_time = cleaned_data.get("published_at", self.instance.published_at)
        if self.goes_public(cleaned_data) and not has_time:
            if status == NewsItem.Status.SCHEDULED and "published_at" in self.fields:
                self.add_error("published_at", _("A scheduled item needs the time it goes live."))
            elif "published_at" in self.fields:
                cleaned_data["published_at"] = timezone.now()
        return cleaned_data
