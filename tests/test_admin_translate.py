import pytest
import reversion
from django.contrib.auth.models import Group
from django.urls import reverse

from assembly import translation_sources, translation_status
from tests.admin_helpers import (
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_news_item, make_topic
from tests.second_step import SignedInClient

pytestmark = pytest.mark.django_db


def _client(user):
    client = SignedInClient()
    client.force_login(user)
    return client


def _url(item, lang):
    return reverse(f"admin:assembly_{item._meta.model_name}_translate", args=(item.pk, lang))


def _translated(**fields):
    item = make_news_item(
        title_kk="Ассамблея жиыны өтті",
        title_ru="Состоялось собрание Ассамблеи",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
        **fields,
    )
    translation_status.mark_translations_current(item, ["ru"])
    with reversion.create_revision():
        item.save()
    translation_sources.keep_sources(item)
    return item


def _post(client, item, lang, **data):
    page = client.get(_url(item, lang))
    form = page.context["form"]
    posted = {name: form[name].value() or "" for name in form.fields}
    posted.update(data)
    return client.post(_url(item, lang), posted)


def test_word_diff_compares_rich_text_as_words():
    diff = translation_sources.word_diff(
        "<p>Ассамблея <b>жиыны</b> өтті</p>", "<p>Ассамблея <i>жиыны</i> Астанада өтті</p>"
    )
    assert diff == [("equal", "Ассамблея жиыны"), ("inserted", "Астанада"), ("equal", "өтті")]


def test_word_diff_shows_replaced_words():
    diff = translation_sources.word_diff("Жиын өтті", "Жиын өтеді")
    assert diff == [("equal", "Жиын"), ("deleted", "өтті"), ("inserted", "өтеді")]


def test_saving_kazakh_keeps_the_source_and_shows_the_diff(admin_client):
    item = _translated()
    item.title_kk = "Ассамблея жиыны Астанада өтті"
    item.save()
    page = admin_client.get(_url(item, "ru"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<ins>Астанада</ins>" in html
    assert "Состоялось собрание Ассамблеи" in html
    assert 'class="translatelink"' not in html  # the screen itself, not the change form


@pytest.mark.parametrize("model_name", ["newsitem", "initiative", "institution", "topic"])
def test_every_translated_model_has_a_translate_screen(admin_client, model_name):
    from tests import factories

    name = "news_item" if model_name == "newsitem" else model_name
    item = getattr(factories, f"make_{name}")()
    assert admin_client.get(_url(item, "en")).status_code == 200
    change = admin_client.get(
        reverse(f"admin:assembly_{model_name}_change", args=(item.pk,))
    ).content.decode()
    assert _url(item, "en") in change


def test_region_has_a_translate_screen(admin_client):
    from assembly.models import Region

    region = Region.objects.first()
    assert admin_client.get(_url(region, "ru")).status_code == 200


def test_save_translation_makes_the_item_current_and_records_a_revision(admin_client):
    item = _translated()
    item.title_kk = "Ассамблея жиыны Астанада өтті"
    item.save()
    assert translation_status.language_state(item, "ru") == "outdated"
    response = _post(admin_client, item, "ru", title_ru="Собрание Ассамблеи прошло в Астане")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_ru == "Собрание Ассамблеи прошло в Астане"
    assert translation_status.language_state(item, "ru") == "complete"
    page = admin_client.get(_url(item, "ru")).content.decode()
    assert "Аударма сақталды." in page
    history = page.split('class="module translate-history"')[1]
    assert "admin" in history  # who saved it
    assert "Состоялось собрание Ассамблеи" in page  # the previous text


def test_still_correct_marks_current_without_change_and_records_who(admin_client):
    item = _translated()
    item.title_kk = "Ассамблея жиыны өтті!"
    item.save()
    response = admin_client.post(_url(item, "ru"), {"_still_correct": "1"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_ru == "Состоялось собрание Ассамблеи"
    assert translation_status.language_state(item, "ru") == "complete"
    page = admin_client.get(_url(item, "ru")).content.decode()
    assert "Әлі де дұрыс деп расталды (Орыс тілі)." in page


def test_rich_text_source_is_rendered_not_escaped(admin_client):
    item = _translated(body_kk="<p>Бірінші <strong>маңызды</strong> сөз</p>")
    page = admin_client.get(_url(item, "ru")).content.decode()
    assert "<strong>маңызды</strong>" in page


def test_translate_screen_uses_the_rich_text_editor(admin_client):
    item = _translated()
    page = admin_client.get(_url(item, "ru")).content.decode()
    assert "prose-editor" in page


def test_kazakh_is_not_a_target_language(admin_client):
    item = _translated()
    assert admin_client.get(_url(item, "kk")).status_code == 404
    assert admin_client.get(_url(item, "de")).status_code == 404


def test_translator_limited_to_their_language():
    translator = make_staff("anna", "Translators")
    translator.groups.add(Group.objects.get(name="Translators en"))
    client = _client(translator)
    item = _translated()
    assert client.get(_url(item, "en")).status_code == 200
    assert client.get(_url(item, "ru")).status_code == 403
    response = client.post(_url(item, "ru"), {"title_ru": "Взлом", "_save": "1"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title_ru == "Состоялось собрание Ассамблеи"


def test_translator_cannot_change_kazakh_through_the_screen():
    client = _client(make_staff("boris", "Translators"))
    item = _translated()
    _post(client, item, "ru", title_kk="Бұзылған", title_ru="Перевод")
    item.refresh_from_db()
    assert item.title_kk == "Ассамблея жиыны өтті"
    assert item.title_ru == "Перевод"


def test_user_without_change_permission_is_refused():
    client = _client(make_staff("viewer"))
    item = make_topic()
    assert client.get(_url(item, "ru")).status_code == 403


def test_edit_conflict_is_caught_on_the_translate_screen(admin_client):
    item = _translated()
    page = admin_client.get(_url(item, "ru"))
    form = page.context["form"]
    posted = {name: form[name].value() or "" for name in form.fields}
    # Someone else saves the Russian title in the admin meanwhile.
    other = page.context["original"]
    other.title_ru = "Чужая правка"
    other.save()
    with reversion.create_revision():
        other.save()
    posted["title_ru"] = "Моя правка"
    response = admin_client.post(_url(item, "ru"), posted)
    assert response.status_code == 200
    assert response.context["form"].edit_conflicts
    assert "Басқа біреу сақтаған өзгерістер" in response.content.decode()
    item.refresh_from_db()
    assert item.title_ru == "Чужая правка"


def test_dashboard_links_outdated_items_to_their_translate_screen(admin_client):
    item = _translated()
    item.title_kk = "Ассамблея жиыны Астанада өтті"
    item.save()
    page = admin_client.get(reverse("translation_dashboard")).content.decode()
    assert f'href="{_url(item, "ru")}"' in page
    assert reverse("admin:assembly_newsitem_import_translations") in page


def test_dashboard_lists_only_a_translators_languages():
    translator = make_staff("anna", "Translators")
    translator.groups.add(Group.objects.get(name="Translators en"))
    item = make_news_item()
    page = _client(translator).get(reverse("translation_dashboard")).content.decode()
    assert f'href="{_url(item, "en")}"' in page
    assert f'href="{_url(item, "ru")}"' not in page


def test_language_group_limits_the_change_form_too():
    translator = make_staff("anna", "Translators")
    translator.groups.add(Group.objects.get(name="Translators en"))
    item = _translated()
    page = _client(translator).get(reverse("admin:assembly_newsitem_change", args=(item.pk,)))
    fields = set(page.context["adminform"].form.fields)
    assert {"title_en", "body_en"} <= fields
    assert not {"title_ru", "body_ru", "title_kk"} & fields
    assert _url(item, "en") in page.content.decode()
    assert _url(item, "ru") not in page.content.decode()


def test_language_groups_exist_and_are_named_in_the_admin_language(admin_client):
    group = Group.objects.get(name="Translators ru")
    page = admin_client.get(reverse("admin:auth_group_change", args=(group.pk,)))
    assert page.status_code == 200
    assert "Аудармашылар (Орыс тілі)" in page.content.decode()
