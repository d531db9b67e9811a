"""Restoring and recovering versions asks for the permissions of the change it makes (issue 17)."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from reversion.models import Version

from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_key_figure, make_news_item, make_topic
from tests.second_step import SignedInClient as Client

pytestmark = pytest.mark.django_db


def _client(user, lang="kk"):
    client = Client()
    client.force_login(user)
    if lang != settings.LANGUAGE_CODE:
        _choose_admin_language(client, lang)
    return client


def _choose_admin_language(client, lang):
    try:
        url = reverse("admin:language")  # the editor's own choice, kept with the account
    except NoReverseMatch:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        return
    client.post(url, {"language": lang, "next": reverse("admin:index")})


def _save_through_admin(client, item, **changes):
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Version.objects.get_for_object(item).order_by("-pk").first()


def _run_action(client, action, *items):
    response = client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": action, "_selected_action": [item.pk for item in items]},
    )
    assert response.status_code == 302


def _revision_url(model_name, object_id, version):
    return reverse(f"admin:assembly_{model_name}_revision", args=(object_id, version.pk))


def _public_status(client, item):
    with translation.override("kk"):
        return client.get(item.get_absolute_url()).status_code


@pytest.fixture
def editor():
    return make_staff("editor", "Editors")


@pytest.fixture
def translator():
    return make_staff("translator", "Translators")


# --- The three paths of issue 17, item 1 -------------------------------------


def test_translator_cannot_republish_or_revert_kazakh_title_through_history(editor, translator):
    editor_client = _client(editor)
    item = make_news_item(title_kk="Бірінші тақырып")
    published = _save_through_admin(editor_client, item)
    _run_action(editor_client, "unpublish", item)
    _save_through_admin(editor_client, item, title_kk="Түзетілген тақырып")
    item.refresh_from_db()
    assert _public_status(Client(), item) == 404

    url = _revision_url("newsitem", item.pk, published)
    # What a browser would post back: the editor's own form of that version, unchanged.
    data = change_form_data(editor_client.get(url), _save="Save")
    response = _client(translator).post(url, data)

    assert response.status_code == 403
    assert "Аудармашылар бұрынғы нұсқаларды қалпына келтіре алмайды" in response.content.decode()
    item.refresh_from_db()
    assert item.status == NewsItem.Status.UNPUBLISHED
    assert item.title_kk == "Түзетілген тақырып"
    assert _public_status(Client(), item) == 404


def test_translator_cannot_recover_deleted_item_through_history_url(editor, translator):
    editor_client = _client(editor)
    item = make_news_item()
    version = _save_through_admin(editor_client, item)
    pk = item.pk
    delete = editor_client.post(
        reverse("admin:assembly_newsitem_delete", args=(pk,)), {"post": "yes"}
    )
    assert delete.status_code == 302
    translator_client = _client(translator)
    assert translator_client.get(reverse("admin:assembly_newsitem_recoverlist")).status_code == 403

    url = _revision_url("newsitem", pk, version)
    data = change_form_data(editor_client.get(url), _save="Save")
    response = translator_client.post(url, data)

    assert response.status_code == 403
    assert "Аудармашылар бұрынғы нұсқаларды қалпына келтіре алмайды" in response.content.decode()
    assert not NewsItem.objects.filter(pk=pk).exists()


def test_version_of_another_model_is_not_found_and_reverts_nothing(admin_client):
    item = make_news_item(title_kk="Бірінші тақырып")
    old = _save_through_admin(admin_client, item)
    _save_through_admin(admin_client, item, title_kk="Жаңа тақырып")
    topic = make_topic(pk=item.pk)
    topic_change = reverse("admin:assembly_topic_change", args=(topic.pk,))
    data = change_form_data(admin_client.get(topic_change), _save="Save")

    url = _revision_url("topic", topic.pk, old)
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url, data).status_code == 404
    item.refresh_from_db()
    assert item.title_kk == "Жаңа тақырып"


# --- What the guard still allows, and what else it holds ----------------------


def _writer(*extra_codenames):
    """Adds and changes news but may not publish."""
    from django.contrib.auth.models import Permission

    writer = make_staff("writer")
    codenames = ["add_newsitem", "change_newsitem", "view_newsitem", *extra_codenames]
    writer.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return writer


def _restore(client, model_name, object_id, version):
    url = _revision_url(model_name, object_id, version)
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, change_form_data(page, _save="Save"))


def test_editor_restores_published_version_with_its_kazakh_title(editor):
    editor_client = _client(editor)
    item = make_news_item(title_kk="Бірінші тақырып")
    published = _save_through_admin(editor_client, item)
    _run_action(editor_client, "unpublish", item)
    _save_through_admin(editor_client, item, title_kk="Түзетілген тақырып")

    assert _restore(editor_client, "newsitem", item.pk, published).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.title_kk) == (NewsItem.Status.PUBLISHED, "Бірінші тақырып")
    assert _public_status(Client(), item) == 200


def test_restore_that_would_change_status_needs_publish_permission(editor):
    editor_client = _client(editor)
    item = make_news_item(title_kk="Бірінші тақырып")
    published = _save_through_admin(editor_client, item)
    _run_action(editor_client, "unpublish", item)
    writer_client = _client(_writer())

    response = writer_client.get(_revision_url("newsitem", item.pk, published))
    assert response.status_code == 403
    html = response.content.decode()
    assert "сізге өзгертуге болмайтын мына мәліметтер де өзгереді: күйі" in html
    item.refresh_from_db()
    assert item.status == NewsItem.Status.UNPUBLISHED


def test_writer_restores_text_when_status_stays(editor):
    editor_client = _client(editor)
    item = make_news_item(status="draft", published_at=None, title_kk="Бірінші тақырып")
    first = _save_through_admin(editor_client, item)
    _save_through_admin(editor_client, item, title_kk="Қате тақырып")

    assert _restore(_client(_writer()), "newsitem", item.pk, first).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.title_kk) == (NewsItem.Status.DRAFT, "Бірінші тақырып")


def test_recovering_a_published_item_needs_publish_permission(editor):
    editor_client = _client(editor)
    item = make_news_item()
    version = _save_through_admin(editor_client, item)
    pk = item.pk
    editor_client.post(reverse("admin:assembly_newsitem_delete", args=(pk,)), {"post": "yes"})

    response = _client(_writer()).get(
        reverse("admin:assembly_newsitem_recover", args=(version.pk,))
    )
    assert response.status_code == 403
    assert "күйі, жариялану уақыты" in response.content.decode()
    assert not NewsItem.objects.filter(pk=pk).exists()


def test_editor_recovers_deleted_item_through_history_url(editor):
    editor_client = _client(editor)
    item = make_news_item(title_kk="Қайтатын жаңалық")
    version = _save_through_admin(editor_client, item)
    pk = item.pk
    editor_client.post(reverse("admin:assembly_newsitem_delete", args=(pk,)), {"post": "yes"})

    assert _restore(editor_client, "newsitem", pk, version).status_code == 302
    assert NewsItem.objects.get(pk=pk).title_kk == "Қайтатын жаңалық"


def test_restoring_one_item_leaves_items_saved_in_the_same_revision(editor):
    editor_client = _client(editor)
    first = make_news_item(status="draft", published_at=None, title_kk="Бірінші")
    second = make_news_item(status="draft", published_at=None, title_kk="Екінші")
    _run_action(editor_client, "publish_now", first, second)
    together = Version.objects.get_for_object(first).order_by("-pk").first()
    assert Version.objects.get_for_object(second).filter(revision=together.revision).exists()
    _save_through_admin(editor_client, first, title_kk="Бірінші, түзетілді")
    _save_through_admin(editor_client, second, title_kk="Екінші, түзетілді")

    assert _restore(editor_client, "newsitem", first.pk, together).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title_kk == "Бірінші"
    assert second.title_kk == "Екінші, түзетілді"


def test_restore_brings_back_the_items_own_key_figures(editor):
    editor_client = _client(editor)
    item = make_news_item()
    kept = make_key_figure(item, label_kk="азаматтар")
    version = _save_through_admin(editor_client, item)
    kept.label_kk = "өзгертілген"
    kept.save()
    added = make_key_figure(item, label_kk="кейін қосылған")

    assert _restore(editor_client, "newsitem", item.pk, version).status_code == 302
    assert [figure.label_kk for figure in item.key_figures.all()] == ["азаматтар"]
    assert not type(added).objects.filter(pk=added.pk).exists()


def test_restore_that_would_change_key_figures_needs_their_permissions(editor):
    editor_client = _client(editor)
    item = make_news_item(status="draft", published_at=None)
    make_key_figure(item)
    version = _save_through_admin(editor_client, item)

    response = _client(_writer()).get(_revision_url("newsitem", item.pk, version))
    assert response.status_code == 403
    assert "негізгі көрсеткіштер" in response.content.decode()


def test_recover_url_takes_only_deleted_versions_of_its_own_model(admin_client):
    item = make_news_item()
    news_version = _save_through_admin(admin_client, item)
    topic = make_topic()
    topic_change = reverse("admin:assembly_topic_change", args=(topic.pk,))
    admin_client.post(topic_change, change_form_data(admin_client.get(topic_change)))
    topic_version = Version.objects.get_for_object(topic).first()
    topic.delete()

    recover = "admin:assembly_newsitem_recover"
    assert admin_client.get(reverse(recover, args=(topic_version.pk,))).status_code == 404
    # The item still exists: its version is no recovery.
    assert admin_client.get(reverse(recover, args=(news_version.pk,))).status_code == 404


def test_version_of_another_object_is_not_found(admin_client):
    item = make_news_item()
    other = make_news_item()
    version = _save_through_admin(admin_client, item)
    assert admin_client.get(_revision_url("newsitem", other.pk, version)).status_code == 404


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("kk", "Аудармашылар бұрынғы нұсқаларды қалпына келтіре алмайды."),
        ("ru", "Переводчики не могут восстанавливать прежние версии."),
        ("en", "Translators cannot restore earlier versions."),
    ],
)
def test_translator_is_told_why_in_their_language(editor, translator, lang, message):
    item = make_news_item()
    version = _save_through_admin(_client(editor), item)
    response = _client(translator, lang).get(_revision_url("newsitem", item.pk, version))
    assert response.status_code == 403
    html = response.content.decode()
    assert message in html
    assert reverse("admin:assembly_newsitem_history", args=(item.pk,)) in html


def test_translator_history_offers_compare_but_no_restore(editor, translator):
    editor_client = _client(editor)
    item = make_news_item()
    older = _save_through_admin(editor_client, item)
    newer = _save_through_admin(editor_client, item, title_kk="Жаңа")
    translator_client = _client(translator)
    history = translator_client.get(reverse("admin:assembly_newsitem_history", args=(item.pk,)))
    assert history.status_code == 200
    assert _revision_url("newsitem", item.pk, older) not in history.content.decode()
    compare = translator_client.get(
        reverse("admin:assembly_newsitem_compare", args=(item.pk,)),
        {"a": older.pk, "b": newer.pk},
    )
    assert compare.status_code == 200
    assert _revision_url("newsitem", item.pk, older) not in compare.content.decode()
    assert editor_client.get(reverse("admin:assembly_newsitem_history", args=(item.pk,))).context[
        "can_restore"
    ]


@pytest.mark.parametrize("version_id", ["999999", "99999999999999999999999999"])
def test_unknown_version_is_not_found(admin_client, version_id):
    item = make_news_item()
    revision = reverse("admin:assembly_newsitem_revision", args=(item.pk, version_id))
    recover = reverse("admin:assembly_newsitem_recover", args=(version_id,))
    assert admin_client.get(revision).status_code == 404
    assert admin_client.get(recover).status_code == 404
