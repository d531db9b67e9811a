import pytest
from django.urls import reverse

from assembly import translation_status
from assembly.models import NewsItem, Topic
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)
from tests.factories import make_news_item, make_topic

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:assembly_newsitem_changelist"


def _save(client, item, **changes):
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    return item


def _rows(client, **query):
    return list(client.get(reverse(CHANGELIST), query).context["cl"].result_list)


def _russian(**fields):
    return make_news_item(title_ru="Заголовок", lead_ru="Кратко", body_ru="<p>Текст</p>", **fields)


def test_states_complete_missing_and_outdated(admin_client):
    item = _russian()
    _save(admin_client, item, lead_ru="Кратко и ясно")
    assert translation_status.translation_states(item) == {
        "kk": "complete",
        "ru": "complete",
        "en": "missing",
    }
    item = _save(admin_client, item, title_kk="Жаңа тақырып")
    assert translation_status.language_state(item, "ru") == "outdated"
    item = _save(admin_client, item, title_ru="Новый заголовок")
    assert translation_status.language_state(item, "ru") == "complete"


def test_kazakh_change_on_never_tracked_item_outdates_translation(admin_client):
    item = _russian()  # created outside the admin: no sources recorded yet
    item = _save(admin_client, item, body_kk="<p>Өзгертілген мәтін</p>")
    assert translation_status.language_state(item, "ru") == "outdated"


def test_changelist_shows_state_of_each_language(admin_client):
    _russian()
    html = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert "translation-state--complete" in html
    assert "translation-state--missing" in html


def test_missing_in_filter(admin_client):
    translated = _russian()
    untranslated = make_news_item()
    assert _rows(admin_client, missing_in="ru") == [untranslated]
    assert set(_rows(admin_client, missing_in="en")) == {translated, untranslated}
    assert _rows(admin_client, missing_in="kk") == []


def test_outdated_in_filter(admin_client):
    item = _russian()
    fresh = _russian()
    _save(admin_client, fresh, lead_ru="Обновлено")
    _save(admin_client, item, lead_ru="Свежий перевод")
    _save(admin_client, item, lead_kk="Қазақша мәтін өзгерді")
    assert _rows(admin_client, outdated_in="ru") == [item]
    assert _rows(admin_client, outdated_in="en") == []


def test_mark_translations_current_action(admin_client):
    item = _russian()
    _save(admin_client, item, lead_ru="Перевод")
    _save(admin_client, item, lead_kk="Жаңа")
    admin_client.post(
        reverse(CHANGELIST),
        {"action": "mark_translations_current", "_selected_action": [item.pk]},
    )
    item.refresh_from_db()
    assert translation_status.language_state(item, "ru") == "complete"


def test_topic_changelist_has_translation_filters(admin_client):
    make_topic(name_ru="Тема")
    untranslated = make_topic()
    response = admin_client.get(reverse("admin:assembly_topic_changelist"), {"missing_in": "ru"})
    assert list(response.context["cl"].result_list) == [untranslated]


def test_dashboard_counts_and_links_to_filtered_lists(admin_client):
    _russian()
    make_news_item()
    Topic.objects.all().delete()
    make_topic()
    response = admin_client.get(reverse("translation_dashboard"))
    assert response.status_code == 200
    news_row = next(r for r in response.context["rows"] if r["url"].endswith("/newsitem/"))
    cells = {cell["lang"]: cell for cell in news_row["cells"]}
    total = NewsItem.objects.count()
    assert cells["ru"]["counts"]["missing"] == total - 1
    assert cells["ru"]["counts"]["complete"] == 1
    assert cells["en"]["counts"]["missing"] == total
    html = response.content.decode()
    assert "/admin/assembly/newsitem/?missing_in=ru" in html
    assert "/admin/assembly/newsitem/?outdated_in=en" in html
    assert admin_client.get(cells["ru"]["missing_url"]).status_code == 200


def test_dashboard_is_for_staff_only(client):
    response = client.get(reverse("translation_dashboard"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_change_form_marks_empty_language_tabs_with_static_script(admin_client):
    item = make_news_item()
    html = admin_client.get(
        reverse("admin:assembly_newsitem_change", args=(item.pk,))
    ).content.decode()
    assert "/static/assembly/admin/translation-tabs.js" in html
    assert 'id="translation-tab-labels"' in html
