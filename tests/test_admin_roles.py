import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_news_item
from tests.second_step import SignedInClient as Client

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_groups_are_created_by_migration():
    editors = Group.objects.get(name="Editors")
    translators = Group.objects.get(name="Translators")
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    translator_perms = set(translators.permissions.values_list("codename", flat=True))
    assert {"publish_newsitem", "add_newsitem", "delete_newsitem", "change_topic"} <= editor_perms
    assert {"change_newsitem", "view_newsitem"} <= translator_perms
    assert "publish_newsitem" not in translator_perms
    assert not any(p.startswith("delete_") for p in translator_perms)


def test_editor_may_publish_and_delete():
    editor = make_staff("editor", "Editors")
    assert editor.has_perm("assembly.publish_newsitem")
    assert editor.has_perm("assembly.delete_newsitem")
    client = _client(editor)
    item = make_news_item(status="draft", published_at=None)
    client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": "publish_now", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == "published"


def test_translator_edits_russian_and_english_only():
    translator = make_staff("translator", "Translators")
    client = _client(translator)
    item = make_news_item(status="draft", published_at=None, title_kk="Түпнұсқа")
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    page = client.get(url)
    form = page.context["adminform"].form
    assert {"title_ru", "lead_en", "body_ru", "hero_alt_ru"} <= set(form.fields)
    assert not {"title_kk", "body_kk", "status", "published_at", "topics"} & set(form.fields)
    data = change_form_data(
        page,
        title_ru="Перевод",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
        title_kk="Hacked",
        status="published",
    )
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.title_ru == "Перевод"
    assert item.title_kk == "Түпнұсқа"
    assert item.status == "draft"


def test_translator_cannot_publish_delete_or_add():
    translator = make_staff("translator", "Translators")
    client = _client(translator)
    item = make_news_item(status="draft", published_at=None)
    changelist = client.get(reverse("admin:assembly_newsitem_changelist"))
    actions = [name for name, _label in changelist.context["action_form"].fields["action"].choices]
    assert "publish_now" not in actions
    assert "delete_selected" not in actions
    client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": "publish_now", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == "draft"
    delete = client.post(
        reverse("admin:assembly_newsitem_delete", args=(item.pk,)), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert NewsItem.objects.filter(pk=item.pk).exists()
    assert client.get(reverse("admin:assembly_newsitem_add")).status_code == 403


def test_translator_sees_kazakh_text_read_only():
    translator = make_staff("translator", "Translators")
    item = make_news_item(title_kk="Оқуға ғана")
    html = (
        _client(translator)
        .get(reverse("admin:assembly_newsitem_change", args=(item.pk,)))
        .content.decode()
    )
    assert "Оқуға ғана" in html
    assert 'name="title_kk"' not in html
    assert 'name="title_ru"' in html


def test_user_without_publish_permission_cannot_set_status_in_form(db):
    from django.contrib.auth.models import Permission

    writer = make_staff("writer")
    writer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_newsitem", "change_newsitem", "view_newsitem"]
        )
    )
    page = _client(writer).get(reverse("admin:assembly_newsitem_add"))
    assert "status" not in page.context["adminform"].form.fields


@pytest.mark.parametrize("model_name", ["topic", "initiative", "institution", "region"])
def test_translator_can_open_every_change_form(model_name):
    from tests.factories import make_initiative, make_institution, make_topic

    obj = {
        "topic": make_topic,
        "initiative": make_initiative,
        "institution": make_institution,
        "region": lambda: __import__("assembly.models").models.Region.objects.first(),
    }[model_name]()
    translator = make_staff("translator", "Translators")
    page = _client(translator).get(reverse(f"admin:assembly_{model_name}_change", args=(obj.pk,)))
    assert page.status_code == 200
    fields = set(page.context["adminform"].form.fields)
    assert "name_ru" in fields
    assert "name_kk" not in fields
