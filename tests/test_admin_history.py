"""History notes in the reader's language and the compare view (issue 18, items 5 and 6)."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import reversion
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from assembly import history_notes
from assembly.admin.diff import version_diff, word_diff
from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)
from tests.factories import make_news_item

pytestmark = pytest.mark.django_db


def _in_language(client, lang):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def _save_through_admin(client, item, **changes):
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def _history(client, item):
    return client.get(reverse("admin:assembly_newsitem_history", args=(item.pk,)))


def _compare(client, item):
    older, newer = Version.objects.get_for_object(item).order_by("pk")[:2]
    return client.get(
        reverse("admin:assembly_newsitem_compare", args=(item.pk,)),
        {"a": older.pk, "b": newer.pk},
    )


# --- History notes -------------------------------------------------------------------


def test_history_note_names_translated_fields_with_their_language(admin_client):
    _in_language(admin_client, "kk")
    item = make_news_item()
    _save_through_admin(admin_client, item)
    _save_through_admin(admin_client, item, lead_kk="Жаңа лид", status="draft")
    html = _history(admin_client, item).content.decode()
    assert "Lead [kk]" not in html
    assert "Publication time" not in html
    with translation.override("kk"):
        lead = history_notes.field_label(NewsItem, "lead_kk")
        status = history_notes.field_label(NewsItem, "status")
    assert lead != "lead_kk" and "Қазақ тілі" in lead
    assert f"{lead} және {status} өзгертілді." in html


def test_history_note_is_stored_without_language(admin_client):
    _in_language(admin_client, "kk")
    item = make_news_item()
    _save_through_admin(admin_client, item, title_ru="Заголовок")
    comment = Version.objects.get_for_object(item).first().revision.comment
    assert json.loads(comment) == [{"changed": {"fields": ["title_ru"]}}]


def test_history_note_is_shown_in_the_readers_language(admin_client):
    _in_language(admin_client, "kk")
    item = make_news_item()
    _save_through_admin(admin_client, item, title_ru="Заголовок")
    comment = Version.objects.get_for_object(item).first().revision.comment
    with translation.override("ru"):
        russian = history_notes.render(NewsItem, comment)
    with translation.override("kk"):
        kazakh = history_notes.render(NewsItem, comment)
    assert "Изменено" in russian and "Русский" in russian
    assert "өзгертілді" in kazakh and "Орыс тілі" in kazakh


def test_workflow_note_is_rendered_when_read(admin_client):
    _in_language(admin_client, "ru")
    item = make_news_item(status="draft", published_at=None)
    admin_client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": "publish_now", "_selected_action": [item.pk]},
    )
    comment = Version.objects.get_for_object(item).first().revision.comment
    with translation.override("kk"):
        assert history_notes.render(NewsItem, comment) == "Жарияланды."
    with translation.override("en"):
        assert history_notes.render(NewsItem, comment) == "Published."


def test_scheduled_note_shows_the_time_in_the_readers_format():
    moment = datetime.datetime(2025, 12, 19, 10, 0, tzinfo=ZoneInfo("UTC"))
    comment = history_notes.workflow_note("scheduled", time=moment)
    with translation.override("kk"):
        assert history_notes.render(NewsItem, comment) == (
            "19 желтоқсан 2025 ж. 15:00 уақытына жоспарланды."
        )


def test_comment_saved_before_the_neutral_format_is_shown_as_written():
    assert history_notes.render(NewsItem, "Edited title") == "Edited title"


# --- Compare view --------------------------------------------------------------------


def test_compare_shows_each_translated_field_once(admin_client):
    _in_language(admin_client, "kk")
    item = make_news_item()
    _save_through_admin(admin_client, item)
    _save_through_admin(admin_client, item, lead_kk="Мүлде жаңа лид")
    response = _compare(admin_client, item)
    assert response.status_code == 200
    labels = [str(row["label"]) for row in response.context["rows"]]
    with translation.override("kk"):
        assert labels == [history_notes.field_label(NewsItem, "lead_kk")]
    assert "[kk]" not in response.content.decode()


def test_compare_keeps_paragraph_breaks():
    old = "<p>Форум өтті.</p><p>Қонақтар келді.</p>"
    new = "<p>Форум өтті.</p><p>Қонақтар келді.</p><p>Форумның соңы.</p>"
    with translation.override("kk"):
        rows = version_diff(NewsItem, {"body_kk": old}, {"body_kk": new})
    html = str(rows[0]["diff"])
    assert "келді.Форумның" not in html
    assert "келді. Форумның" not in html
    assert "келді.<br><br><ins>Форумның соңы.</ins>" in html
    assert str(word_diff("бір екі", "бір үш")) == "бір <del>екі</del> <ins>үш</ins>"


def test_compare_treats_a_time_zone_rewrite_as_no_change():
    utc = datetime.datetime(2025, 12, 19, 10, 0, tzinfo=ZoneInfo("UTC"))
    almaty = utc.astimezone(ZoneInfo("Asia/Almaty"))
    rows = version_diff(NewsItem, {"published_at": utc}, {"published_at": almaty})
    assert rows == []


def test_compare_shows_status_labels_not_raw_values(admin_client):
    _in_language(admin_client, "kk")
    item = make_news_item(status="draft", published_at=None)
    for status in ("draft", "unpublished"):
        with reversion.create_revision():
            item.status = status
            item.save()
    response = _compare(admin_client, item)
    html = response.content.decode()
    assert len(response.context["rows"]) == 1
    for raw in ("draft", "unpublished"):
        assert f">{raw}<" not in html
    with translation.override("kk"):
        for status in (NewsItem.Status.DRAFT, NewsItem.Status.UNPUBLISHED):
            assert f">{status.label}<" in html


def test_compare_with_revision_made_in_code_lists_only_real_changes():
    item = make_news_item(title_ru="Заголовок")
    for title in ("Заголовок", "Новый заголовок"):
        with reversion.create_revision():
            item.title_ru = title
            item.save()
    older, newer = Version.objects.get_for_object(item).order_by("pk")
    rows = version_diff(NewsItem, older.field_dict, newer.field_dict)
    assert [row["new"] for row in rows] == ["Новый заголовок"]


def test_restore_note_is_stored_without_language(admin_client):
    _in_language(admin_client, "ru")
    item = make_news_item(title_ru="Заголовок")
    _save_through_admin(admin_client, item)
    _save_through_admin(admin_client, item, title_ru="Ошибка")
    older = Version.objects.get_for_object(item).order_by("pk").first()
    url = reverse("admin:assembly_newsitem_revision", args=(item.pk, older.pk))
    response = admin_client.post(url, change_form_data(admin_client.get(url)))
    assert response.status_code == 302
    comment = Version.objects.get_for_object(item).first().revision.comment
    assert history_notes.is_neutral(comment)
    with translation.override("kk"):
        note = history_notes.render(NewsItem, comment)
    assert note.endswith("уақытында сақталған алдыңғы нұсқаға қайтарылды")
    assert "2" in note  # the date of the restored version
