import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from translate.storage import po, xliff

from assembly import translation_files
from assembly.models import NewsItem
from tests.admin_helpers import (
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_news_item
from tests.second_step import SignedInClient

pytestmark = pytest.mark.django_db

IMPORT = "admin:assembly_newsitem_import_translations"


def _client(user):
    client = SignedInClient()
    client.force_login(user)
    return client


def _translated_file(item, lang="ru", title="Собрание прошло"):
    store = xliff.xlifffile(translation_files.export([item], lang, "xliff"))
    for unit in store.units:
        if ".title." in unit.getid():
            unit.target = title
    return bytes(store)


def _upload(client, data, lang="ru", name="agency.xlf"):
    return client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, data), "language": lang})


def test_export_action_downloads_xliff(admin_client):
    item = make_news_item()
    response = admin_client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": "export_translations_en", "_selected_action": [item.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="newsitem-en.xlf"'
    store = xliff.xlifffile(response.content)
    assert any(f"newsitem.{item.pk}.title." in unit.getid() for unit in store.units)


def test_import_previews_then_applies_with_one_revision(admin_client):
    item = make_news_item(title_kk="Жиын өтті")
    preview = _upload(admin_client, _translated_file(item))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Собрание прошло" in html
    item.refresh_from_db()
    assert not item.title_ru  # nothing saved before the editor applies it
    response = admin_client.post(
        reverse(IMPORT), {"token": preview.context["token"], "_apply": "1"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_ru == "Собрание прошло"
    history = admin_client.get(
        reverse("admin:assembly_newsitem_history", args=(item.pk,))
    ).content.decode()
    assert "agency.xlf" in history


def test_import_asks_before_overwriting_a_newer_translation(admin_client):
    item = make_news_item(title_ru="Старый")
    data = _translated_file(item)
    NewsItem.objects.filter(pk=item.pk).update(title_ru="Исправлено")
    preview = _upload(admin_client, data)
    assert len(preview.context["plan"].edited) == 1
    assert 'name="overwrite_edited"' in preview.content.decode()
    admin_client.post(reverse(IMPORT), {"token": preview.context["token"], "_apply": "1"})
    item.refresh_from_db()
    assert item.title_ru == "Исправлено"


@pytest.mark.parametrize(
    "data",
    [
        b"not a translation file",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><xliff>&a;</xliff>',
    ],
)
def test_bad_file_gets_a_kazakh_message_and_400(admin_client, data):
    response = _upload(admin_client, data)
    assert response.status_code == 400
    assert "ешнәрсе өзгертілмеді" in response.content.decode()


def test_wrong_language_file_is_refused(admin_client):
    item = make_news_item()
    response = _upload(admin_client, _translated_file(item, lang="en"), lang="ru")
    assert response.status_code == 400
    assert "Файл таңдалған тілге жасалған аударма емес." in response.content.decode()


def test_expired_upload_is_refused_with_400(admin_client):
    response = admin_client.post(reverse(IMPORT), {"token": "gone", "_apply": "1"})
    assert response.status_code == 400


def test_translator_cannot_import_another_language():
    translator = make_staff("anna", "Translators")
    translator.groups.add(Group.objects.get(name="Translators en"))
    client = _client(translator)
    item = make_news_item()
    response = _upload(client, _translated_file(item, lang="ru"), lang="ru")
    assert response.status_code == 400  # "ru" is not one of the form's choices
    item.refresh_from_db()
    assert not item.title_ru
    changelist = client.get(reverse("admin:assembly_newsitem_changelist"))
    actions = [name for name, _label in changelist.context["action_form"].fields["action"].choices]
    assert "export_translations_en" in actions
    assert "export_translations_ru" not in actions


def test_user_without_change_permission_cannot_import():
    client = _client(make_staff("viewer"))
    assert client.get(reverse(IMPORT)).status_code == 403


def test_export_action_downloads_po(admin_client):
    item = make_news_item()
    response = admin_client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": "export_translations_ru_po", "_selected_action": [item.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="newsitem-ru.po"'
    store = po.pofile(io.BytesIO(response.content))
    assert any(unit.getcontext().startswith(f"newsitem.{item.pk}.") for unit in store.units)
