from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from assembly import workflow
from assembly.models import NewsItem
from tests.admin_helpers import (
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_news_item
from tests.images import png_file

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:assembly_newsitem_changelist"


def _action(client, action, items, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [i.pk for i in items], **extra},
        follow=True,
    )


def test_publish_now_action_makes_drafts_public(admin_client):
    drafts = [make_news_item(status="draft", published_at=None) for _ in range(2)]
    response = _action(admin_client, "publish_now", drafts)
    assert "2" in response.content.decode()
    for item in drafts:
        item.refresh_from_db()
        assert item.status == NewsItem.Status.PUBLISHED
        assert item.published_at <= timezone.now()
    assert set(NewsItem.objects.published()) >= set(drafts)


def test_schedule_action_asks_for_a_time_then_schedules(admin_client):
    item = make_news_item(status="draft", published_at=None)
    page = _action(admin_client, "schedule", [item])
    assert b'name="publish_at_0"' in page.content
    when = timezone.localtime() + timedelta(days=2)
    _action(
        admin_client,
        "schedule",
        [item],
        apply="1",
        publish_at_0=when.strftime("%Y-%m-%d"),
        publish_at_1=when.strftime("%H:%M:%S"),
    )
    item.refresh_from_db()
    assert item.status == NewsItem.Status.SCHEDULED
    assert abs((item.published_at - when).total_seconds()) < 1
    assert item not in NewsItem.objects.published()


def test_schedule_action_refuses_a_time_in_the_past(admin_client):
    item = make_news_item(status="draft", published_at=None)
    past = timezone.localtime() - timedelta(days=1)
    response = _action(
        admin_client,
        "schedule",
        [item],
        apply="1",
        publish_at_0=past.strftime("%Y-%m-%d"),
        publish_at_1="10:00:00",
    )
    assert response.context["form"].errors
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT


def test_unpublish_and_back_to_draft_actions(admin_client):
    item = make_news_item()
    _action(admin_client, "unpublish", [item])
    item.refresh_from_db()
    assert item.status == NewsItem.Status.UNPUBLISHED
    assert item not in NewsItem.objects.published()
    _action(admin_client, "back_to_draft", [item])
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT


def test_publish_refuses_image_without_kazakh_alt_text(admin_client):
    item = make_news_item(status="draft", published_at=None)
    item.hero_image.save("hero.png", png_file(), save=True)
    response = _action(admin_client, "publish_now", [item])
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT
    errors = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1
    assert item.title_kk in str(errors[0])


def test_workflow_functions_need_publish_permission():
    translator = make_staff("tr", "Translators")
    item = make_news_item(status="draft", published_at=None)
    with pytest.raises(PermissionDenied):
        workflow.publish_now(items=[item], by=translator)


def test_workflow_functions_take_keyword_arguments_only():
    editor = make_staff("ed", "Editors")
    item = make_news_item(status="draft", published_at=None)
    with pytest.raises(TypeError):
        workflow.publish_now([item], editor)
    result = workflow.publish_now(items=[item], by=editor)
    assert result.done == [item]


def test_change_form_refuses_publishing_image_without_kazakh_alt(admin_client):
    from tests.admin_helpers import change_form_data

    item = make_news_item(status="draft", published_at=None)
    item.hero_image.save("hero.png", png_file(), save=True)
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    data = change_form_data(admin_client.get(url), status="published")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "hero_alt_kk" in response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT


# --- Preview ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_staff_preview_shows_draft_in_each_language(admin_client, lang):
    item = make_news_item(
        status="draft",
        published_at=None,
        title_kk="Жоба тақырыбы",
        title_ru="Черновик заголовок",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
        title_en="Draft headline",
        lead_en="Short",
        body_en="<p>Text</p>",
    )
    response = admin_client.get(reverse("admin:assembly_newsitem_preview", args=(item.pk, lang)))
    assert response.status_code == 200
    expected = {"kk": "Жоба тақырыбы", "ru": "Черновик заголовок", "en": "Draft headline"}[lang]
    html = response.content.decode()
    assert expected in html
    assert f'<html lang="{lang}"' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # Readers still cannot see it.
    assert item not in NewsItem.objects.published()


def test_preview_is_for_staff_only(client):
    item = make_news_item(status="draft", published_at=None)
    url = reverse("admin:assembly_newsitem_preview", args=(item.pk, "kk"))
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_preview_of_unknown_language_is_not_found(admin_client):
    item = make_news_item(status="draft", published_at=None)
    url = reverse("admin:assembly_newsitem_preview", args=(item.pk, "de"))
    assert admin_client.get(url).status_code == 404
