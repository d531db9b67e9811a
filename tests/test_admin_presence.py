"""The soft lock: an editor sees who else has the same item open, and since when."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assembly.admin import presence
from tests.admin_helpers import (
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_news_item
from tests.second_step import SignedInClient

pytestmark = pytest.mark.django_db


def _change_url(item):
    return reverse("admin:assembly_newsitem_change", args=(item.pk,))


def _presence_url(item):
    return reverse("admin:assembly_newsitem_presence", args=(item.pk,))


@pytest.fixture
def two_editors():
    clients = []
    for name in ("aigerim", "dana"):
        client = SignedInClient()
        client.force_login(make_staff(name, "Editors"))
        clients.append(client)
    return clients


def _note(response):
    html = response.content.decode()
    return html.split('class="module edit-presence"')[1].split("</div>")[0]


def test_second_editor_sees_who_has_the_item_open_and_since_when(two_editors):
    first, second = two_editors
    item = make_news_item()
    first.get(_change_url(item))
    opened = timezone.localtime(timezone.now()).strftime("%H:%M")

    note = _note(second.get(_change_url(item)))
    assert "hidden" not in note.split(">")[0]
    assert "aigerim" in note
    assert opened in note
    assert "dana" not in note


def test_alone_with_the_item_no_warning(two_editors):
    first, _second = two_editors
    item = make_news_item()
    note = _note(first.get(_change_url(item)))
    assert note.split(">")[0].endswith(" hidden")
    assert "aigerim" not in note


def test_heartbeat_reports_the_other_editor(two_editors):
    first, second = two_editors
    item = make_news_item()
    first.get(_change_url(item))
    second.get(_change_url(item))
    answer = first.post(_presence_url(item)).json()
    assert answer["others"] == 1
    assert "dana" in answer["html"]


def test_an_editor_who_closed_the_page_is_no_longer_shown(two_editors):
    first, second = two_editors
    item = make_news_item()
    first.get(_change_url(item))
    second.get(_change_url(item))
    first.post(_presence_url(item), {"leave": "1"})
    assert second.post(_presence_url(item)).json()["others"] == 0


def test_an_editor_silent_for_too_long_is_no_longer_shown():
    item = make_news_item()
    gone, here = make_staff("gone", "Editors"), make_staff("here", "Editors")
    long_ago = timezone.now() - timedelta(seconds=presence.TIMEOUT + 1)
    presence.arrive(item, gone, now=long_ago)
    assert presence.others(item, here) == []


def test_presence_needs_a_signed_in_editor(client):
    item = make_news_item()
    response = client.post(_presence_url(item))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_presence_is_post_only(two_editors):
    first, _second = two_editors
    item = make_news_item()
    assert first.get(_presence_url(item)).status_code == 405
