"""Publication workflow of news items: plain functions called by the admin's actions."""

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import history_notes
from .models import NewsItem
from .models.news import REQUIRED_TRANSLATED_FIELDS

PUBLISH_PERMISSION = "assembly.publish_newsitem"


@dataclass
class WorkflowResult:
    done: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)


def can_publish(user):
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def publication_problems(item):
    """What keeps ``item`` from going public, as sentences an editor can act on."""
    problems = []
    for name in REQUIRED_TRANSLATED_FIELDS:
        if not (getattr(item, f"{name}_kk", "") or "").strip():
            label = NewsItem._meta.get_field(name).verbose_name
            problems.append(_("The Kazakh %(field)s is empty.") % {"field": label})
    if item.hero_image and not (item.hero_alt_kk or "").strip():
        problems.append(_("The image needs a Kazakh alt text before the item is published."))
    return problems


def publish_now(*, items, by):
    now = timezone.now()

    def change(item):
        item.status = NewsItem.Status.PUBLISHED
        if item.published_at is None or item.published_at > now:
            item.published_at = now

    return _apply(
        items=items,
        by=by,
        change=change,
        check=True,
        comment=history_notes.workflow_note("published"),
    )


def schedule(*, items, at, by):
    def change(item):
        item.status = NewsItem.Status.SCHEDULED
        item.published_at = at

    comment = history_notes.workflow_note("scheduled", time=at)
    return _apply(items=items, by=by, change=change, check=True, comment=comment)


def unpublish(*, items, by):
    def change(item):
        item.status = NewsItem.Status.UNPUBLISHED

    return _apply(
        items=items,
        by=by,
        change=change,
        check=False,
        comment=history_notes.workflow_note("unpublished"),
    )


def back_to_draft(*, items, by):
    def change(item):
        item.status = NewsItem.Status.DRAFT

    return _apply(
        items=items, by=by, change=change, check=False, comment=history_notes.workflow_note("draft")
    )


def _apply(*, items, by, change, check, comment):
    if not can_publish(by):
        raise PermissionDenied(_("You may not change what is published."))
    result = WorkflowResult()
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(comment)
        for item in items:
            problems = publication_problems(item) if check else []
            if problems:
                result.refused[item] = problems
                continue
            change(item)
            item.save()
            result.done.append(item)
    return result
