"""Publication workflow of news items: plain functions called by the admin's actions."""

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import history_notes, languages
from .models import NewsItem

PUBLISH_PERMISSION = "assembly.publish_newsitem"


@dataclass
class WorkflowResult:
    done: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)


def can_publish(user):
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


# The alt text that describes each image a record shows readers, by the image field's name.
ALT_TEXT_FIELDS = {"hero_image": "hero_alt", "image": "image_alt"}


def publication_problems(obj, changes=None):
    """What keeps ``obj`` from going public: (field, a sentence an editor can act on) pairs.

    The one home of the publication rules: the workflow refuses with them, and the admin's
    change forms show them on their fields. ``changes`` are values about to be saved (a
    form's cleaned data), read before the object's own.
    """
    changes = changes or {}

    def value(name):
        return changes[name] if name in changes else getattr(obj, name, None)

    model = type(obj)
    source = languages.source_language()
    problems = []
    for name in languages.required_fields(model):
        field = f"{name}_{source}"
        if not languages.is_filled(value(field)):
            label = model._meta.get_field(name).verbose_name
            problems.append((field, _("The Kazakh %(field)s is empty.") % {"field": label}))
    fields = {f.name for f in model._meta.get_fields()}
    for image, alt in ALT_TEXT_FIELDS.items():
        field = f"{alt}_{source}"
        if image in fields and value(image) and not languages.is_filled(value(field)):
            problems.append((field, _("Write the Kazakh alt text of the image before publishing.")))
    return problems


def publish_now(*, items, by):
    now = timezone.now()

    def change(item):
        item.status = NewsItem.Status.PUBLISHED
        if item.published_at is None or item.published_at > now:
            item.published_at = now

    comment = history_notes.workflow_note("published")
    return _apply(items=items, by=by, change=change, check=True, comment=comment)


def schedule(*, items, at, by):
    def change(item):
        item.status = NewsItem.Status.SCHEDULED
        item.published_at = at

    comment = history_notes.workflow_note("scheduled", time=at)
    return _apply(items=items, by=by, change=change, check=True, comment=comment)


def unpublish(*, items, by):
    return _take_out_of_view(items, by, NewsItem.Status.UNPUBLISHED, note="unpublished")


def back_to_draft(*, items, by):
    return _take_out_of_view(items, by, NewsItem.Status.DRAFT, note="draft")


def _take_out_of_view(items, by, status, *, note):
    # Nothing keeps an item from leaving public view: no publication rules apply.
    def change(item):
        item.status = status

    comment = history_notes.workflow_note(note)
    return _apply(items=items, by=by, change=change, check=False, comment=comment)


def _apply(*, items, by, change, check, comment):
    if not can_publish(by):
        raise PermissionDenied(_("You may not change what is published."))
    result = WorkflowResult()
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(comment)
        for item in items:
            problems = [message for _field, message in publication_problems(item)] if check else []
            if problems:
                result.refused[item] = problems
                continue
            change(item)
            item.save()
            result.done.append(item)
    return result
