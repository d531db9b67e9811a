"""A soft lock: the change form says who else has the same item open, and since when.

Nothing is locked: saving is still safe for both (conflicts.py merges their changes). Each
open form is remembered in the shared cache for ``TIMEOUT`` seconds; presence.js renews it
while the page stays open and says goodbye when the page closes. Without JavaScript the
form still shows who had the item open when it was loaded.
"""

import datetime

from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from .paths import model_admin_path, model_admin_url

TIMEOUT = 120  # seconds without a sign of life before a person no longer counts as present
HEARTBEAT = 45  # seconds between presence.js's signs of life


def _key(obj):
    return f"edit-presence:{obj._meta.label_lower}:{obj.pk}"


def _current(obj, now):
    entries = cache.get(_key(obj)) or {}
    limit = now - datetime.timedelta(seconds=TIMEOUT)
    return {uid: entry for uid, entry in entries.items() if entry["seen"] > limit}


def arrive(obj, user, *, now=None):
    now = now or timezone.now()
    entries = _current(obj, now)
    since = entries.get(str(user.pk), {}).get("since", now)
    name = user.get_full_name() or user.get_username()
    entries[str(user.pk)] = {"name": name, "since": since, "seen": now}
    cache.set(_key(obj), entries, TIMEOUT)


def leave(obj, user):
    entries = _current(obj, timezone.now())
    if entries.pop(str(user.pk), None) is not None:
        cache.set(_key(obj), entries, TIMEOUT)


def others(obj, user, *, now=None):
    entries = _current(obj, now or timezone.now())
    people = [entry for uid, entry in entries.items() if uid != str(user.pk)]
    return sorted(people, key=lambda entry: entry["since"])


class PresenceMixin:
    """For a ModelAdmin: who else has the change form open, and a URL to keep that current."""

    presence_template = "admin/assembly/includes/presence.html"

    def get_urls(self):
        return [
            model_admin_path(
                self, "<path:object_id>/presence/", require_POST(self.presence_view), "presence"
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_view_or_change_permission(request, obj):
                arrive(obj, request.user)
                extra_context["presence"] = {
                    "others": others(obj, request.user),
                    "url": model_admin_url(self, "presence", object_id),
                    "heartbeat": HEARTBEAT,
                }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def presence_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if "leave" in request.POST:
            leave(obj, request.user)
            return JsonResponse({"others": 0})
        arrive(obj, request.user)
        people = others(obj, request.user)
        html = render_to_string(
            self.presence_template, {"presence": {"others": people}}, request=request
        )
        return JsonResponse({"others": len(people), "html": html})
