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


# Edit conflicts: tests/test_admin_conflicts.py.
