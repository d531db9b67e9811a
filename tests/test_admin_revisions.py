import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)
from tests.factories import make_news_item

pytestmark = pytest.mark.django_db


def _change_url(item):
    return reverse("admin:assembly_newsitem_change", args=(item.pk,))


def _save_through_admin(client, item, **changes):
    url = _change_url(item)
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def _trilingual_item():
    return make_news_item(
        title_ru="Заголовок",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
        title_en="Headline",
        lead_en="Short",
        body_en="<p>Text</p>",
    )


def test_admin_save_stores_all_three_languages_in_the_version(admin_client):
    item = _trilingual_item()
    _save_through_admin(admin_client, item, title_en="Headline, edited")
    version = Version.objects.get_for_object(item).first()
    fields = version.field_dict
    assert fields["title_kk"] == item.title_kk
    assert fields["title_ru"] == "Заголовок"
    assert fields["title_en"] == "Headline, edited"
    assert fields["body_ru"] == "<p>Текст</p>"


def test_deleted_item_is_recovered_with_kk_ru_and_en(admin_client):
    item = _trilingual_item()
    _save_through_admin(admin_client, item)
    pk, title_kk = item.pk, item.title_kk
    response = admin_client.post(
        reverse("admin:assembly_newsitem_delete", args=(pk,)), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not NewsItem.objects.filter(pk=pk).exists()

    recover_list = admin_client.get(reverse("admin:assembly_newsitem_recoverlist"))
    assert title_kk in recover_list.content.decode()
    version = Version.objects.get_deleted(NewsItem).get(object_id=str(pk))
    url = reverse("admin:assembly_newsitem_recover", args=(version.pk,))
    response = admin_client.post(url, change_form_data(admin_client.get(url)))
    assert response.status_code == 302

    recovered = NewsItem.objects.get(pk=pk)
    assert (recovered.title_kk, recovered.title_ru, recovered.title_en) == (
        title_kk,
        "Заголовок",
        "Headline",
    )
    assert recovered.body_en == "<p>Text</p>"


def test_history_compare_shows_field_by_field_diff(admin_client):
    item = _trilingual_item()
    _save_through_admin(admin_client, item)
    _save_through_admin(admin_client, item, title_ru="Новый заголовок")
    older, newer = Version.objects.get_for_object(item).order_by("pk")
    history = admin_client.get(reverse("admin:assembly_newsitem_history", args=(item.pk,)))
    assert b'name="a"' in history.content
    response = admin_client.get(
        reverse("admin:assembly_newsitem_compare", args=(item.pk,)),
        {"a": older.pk, "b": newer.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["rows"]) == 1
    assert "<del>Заголовок</del>" in html
    assert "<ins>Новый заголовок</ins>" in html


def test_history_restore_brings_back_older_text(admin_client):
    item = _trilingual_item()
    _save_through_admin(admin_client, item)
    _save_through_admin(admin_client, item, title_ru="Ошибка")
    older = Version.objects.get_for_object(item).order_by("pk").first()
    url = reverse("admin:assembly_newsitem_revision", args=(item.pk, older.pk))
    response = admin_client.post(url, change_form_data(admin_client.get(url)))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_ru == "Заголовок"


def test_workflow_action_is_recorded_as_a_revision(admin_client):
    item = make_news_item(status="draft", published_at=None)
    admin_client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": "publish_now", "_selected_action": [item.pk]},
    )
    version = Version.objects.get_for_object(item).first()
    assert version.field_dict["status"] == "published"
    assert version.revision.user.username == "admin"


def test_reversion_registered_translation_columns():
    options = reversion.revisions._get_options(NewsItem)
    for lang in ("kk", "ru", "en"):
        assert f"body_{lang}" in options.fields


# --- Edit conflicts --------------------------------------------------------


def test_second_save_gets_conflict_message_and_keeps_both_versions(client, admin_user):
    from tests.admin_helpers import make_staff

    other = make_staff("other-editor", "Editors")
    item = _trilingual_item()
    url = _change_url(item)

    client.force_login(admin_user)
    mine = change_form_data(client.get(url))

    from django.test import Client

    other_client = Client()
    other_client.force_login(other)
    _save_through_admin(other_client, item, title_kk="Басқа редактордың тақырыбы")

    mine["lead_ru"] = "Мой новый лид"
    response = client.post(url, mine)
    assert response.status_code == 200
    form = response.context["adminform"].form
    html = response.content.decode()
    assert form.non_field_errors()
    assert [c["field"] for c in form.edit_conflicts] == ["title_kk"]
    assert "Басқа редактордың тақырыбы" in html
    # The editor's unsaved input is still in the form.
    assert form["lead_ru"].value() == "Мой новый лид"
    item.refresh_from_db()
    assert item.title_kk == "Басқа редактордың тақырыбы"
    assert item.lead_ru == "Кратко"

    # Having seen the conflict, a second save is accepted and is the editor's choice.
    again = change_form_data(response)
    assert client.post(url, again).status_code == 302
    item.refresh_from_db()
    assert item.lead_ru == "Мой новый лид"


def test_save_without_intervening_change_has_no_conflict(admin_client):
    item = _trilingual_item()
    _save_through_admin(admin_client, item, lead_en="Changed")
    item.refresh_from_db()
    assert item.lead_en == "Changed"


@pytest.mark.parametrize("token", ["5", "not json", "[1, 2]"])
def test_damaged_edit_token_is_a_conflict_not_an_error(admin_client, token):
    item = _trilingual_item()
    url = _change_url(item)
    data = change_form_data(admin_client.get(url), edit_token=token, title_ru="Другое")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.edit_conflicts
    item.refresh_from_db()
    assert item.title_ru == "Заголовок"
