"""What a change of content renews in the caches (assembly/cache.py).

A save or delete renews the item, its model's lists and the items it points to; a change
of a many-to-many relation renews both sides. A scheduled item goes live without a save:
the first request after its time renews its tags.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from assembly import cache

logger = logging.getLogger("assembly.cache")

# (when scheduled items were last looked at, when the next one goes live or None)
GO_LIVE_KEY = "schedule:go-live"


def touched_by(instance):
    """The item, its model's lists and the items it points to."""
    model = type(instance)
    name = model._meta.model_name
    tags = {name, f"{name}:{instance.pk}"}
    for field in model._meta.concrete_fields:
        target = field.related_model
        value = getattr(instance, field.attname) if field.many_to_one else None
        if value is not None and target._meta.app_label == cache.CONTENT_APP:
            tags.add(f"{target._meta.model_name}:{value}")
    return tags


def _on_content_change(sender, instance, **kwargs):
    if sender._meta.app_label == cache.CONTENT_APP:
        cache.invalidate(touched_by(instance))
        expect_go_live(getattr(instance, "published_at", None))


def _on_m2m_change(sender, instance, action, model, pk_set, **kwargs):
    if action.startswith("post_") and instance._meta.app_label == cache.CONTENT_APP:
        other = model._meta.model_name
        cache.invalidate(touched_by(instance) | {other, *(f"{other}:{pk}" for pk in pk_set or ())})


def connect_signals():
    # Without a sender so models added later are covered; the app label filters the rest.
    post_save.connect(_on_content_change, dispatch_uid="pagecache_save")
    post_delete.connect(_on_content_change, dispatch_uid="pagecache_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache_m2m")


def expect_go_live(at):
    """Keeps the next go-live time known, so that a reader's request rarely has to look."""
    try:
        checked, due = cache._tags().get(GO_LIVE_KEY) or (None, None)
        if checked is None:
            release_scheduled()
        elif at is not None and at > timezone.now() and (due is None or at < due):
            cache._tags().set(GO_LIVE_KEY, (checked, at), timeout=None)
    except Exception:
        logger.exception("Cache: could not update the schedule")


def release_scheduled():
    """Renews the tags of items that went live since the last look; the next go-live time."""
    from assembly.models import NewsItem

    now = timezone.now()
    checked, due = cache._tags().get(GO_LIVE_KEY) or (None, None)
    if checked is not None and (due is None or due > now):
        return due
    since = checked or now - timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
    Status = NewsItem.Status
    waiting = NewsItem.objects.filter(status__in=[Status.PUBLISHED, Status.SCHEDULED])
    live = waiting.filter(published_at__gt=since, published_at__lte=now)
    pks = list(live.values_list("pk", flat=True))
    if pks:
        cache.invalidate({"newsitem", *(f"newsitem:{pk}" for pk in pks)})
    due = waiting.filter(published_at__gt=now).aggregate(due=Min("published_at"))["due"]
    cache._tags().set(GO_LIVE_KEY, (now, due), timeout=None)
    return due
