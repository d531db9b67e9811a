"""What the admin says about an item: its status as readers see it, and after a recovery."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_key_figure, make_news_item
from tests.second_step import SignedInClient as Client

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:assembly_newsitem_changelist"


def _change_url(item):
    return reverse("admin:assembly_newsitem_change", args=(item.pk,))


def _went_live_on_schedule(**fields):
    return make_news_item(
        status=NewsItem.Status.SCHEDULED,
        published_at=timezone.now() - timedelta(minutes=5),
        **fields,
    )


# --- Status as readers see it ------------------------------------------------


def _in_language(client, lang):
    # The admin's own switcher, as an editor would choose the language.
    client.post(reverse("set_language"), {"language": lang, "next": "/admin/"})
    return client


def _in_english(client):
    return _in_language(client, "en")


def _row_of(html, title):
    return html.split(f">{title}</a>")[1].split("</tr>")[0]


def test_item_live_on_schedule_reads_published_in_the_list(admin_client):
    _went_live_on_schedule(title_kk="Кестемен шыққан жаңалық")
    make_news_item(
        title_kk="Күтіп тұрған жаңалық",
        status=NewsItem.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
    )
    html = _in_english(admin_client).get(reverse(CHANGELIST)).content.decode()
    live_row = _row_of(html, "Кестемен шыққан жаңалық")
    assert '<td class="field-effective_status">published</td>' in live_row
    waiting_row = _row_of(html, "Күтіп тұрған жаңалық")
    assert '<td class="field-effective_status">scheduled</td>' in waiting_row


def test_status_filter_counts_an_item_live_on_schedule_as_published(admin_client):
    live = _went_live_on_schedule()
    waiting = make_news_item(
        status=NewsItem.Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1)
    )
    published = admin_client.get(reverse(CHANGELIST), {"status": "published"})
    scheduled = admin_client.get(reverse(CHANGELIST), {"status": "scheduled"})
    assert live in published.context["cl"].result_list
    assert live not in scheduled.context["cl"].result_list
    assert waiting in scheduled.context["cl"].result_list


def test_change_form_shows_item_live_on_schedule_as_published(admin_client):
    item = _went_live_on_schedule()
    response = admin_client.get(_change_url(item))
    assert response.context["adminform"].form["status"].value() == NewsItem.Status.PUBLISHED
    assert '<option value="published" selected>' in response.content.decode()


def test_editor_who_cannot_publish_reads_published_for_item_live_on_schedule(client):
    item = _went_live_on_schedule()
    client.force_login(make_staff("translator", "Translators"))
    html = _in_english(client).get(_change_url(item)).content.decode()
    status_row = html.split("field-effective_status")[1].split("</fieldset>")[0]
    assert '<div class="readonly">published</div>' in status_row


@pytest.mark.parametrize(
    ("status", "minutes"),
    [
        ("draft", None),
        ("draft", -5),
        ("scheduled", -5),
        ("scheduled", 5),
        ("published", -5),
        ("published", 5),
        ("unpublished", -5),
    ],
)
def test_python_and_sql_agree_on_what_is_public(status, minutes):
    at = None if minutes is None else timezone.now() + timedelta(minutes=minutes)
    item = make_news_item(status=status, published_at=at)
    public_in_sql = NewsItem.objects.published().filter(pk=item.pk).exists()
    assert item.is_public == public_in_sql
    effective = NewsItem.objects.with_effective_status().get(pk=item.pk).effective_status
    assert (effective == NewsItem.Status.PUBLISHED) == public_in_sql


# --- Recovery ----------------------------------------------------------------


def _delete_and_open_recovery(client, item):
    url = _change_url(item)
    client.post(url, change_form_data(client.get(url)))
    client.post(reverse("admin:assembly_newsitem_delete", args=(item.pk,)), {"post": "yes"})
    version = Version.objects.get_deleted(NewsItem).get(object_id=str(item.pk))
    return reverse("admin:assembly_newsitem_recover", args=(version.pk,))


@pytest.mark.parametrize(
    ("lang", "recovered", "publish"),
    [
        ("kk", "қалпына келтірілді", "Қазір жариялау"),
        ("ru", "восстановлена", "Опубликовать сейчас"),
        ("en", "was recovered", "Publish now"),
    ],
)
def test_recovered_item_says_recovered_and_offers_to_publish(lang, recovered, publish):
    client = Client()
    client.force_login(make_staff(f"editor-{lang}", "Editors"))
    _in_language(client, lang)
    item = make_news_item(status="draft", published_at=None, title_kk="Қайтарылған жаңалық")
    url = _delete_and_open_recovery(client, item)

    response = client.post(url, change_form_data(client.get(url)), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1
    assert recovered in messages[0]
    assert "changed" not in messages[0]
    html = response.content.decode()
    assert publish in html

    # The message's button publishes it.
    published = client.post(
        reverse(CHANGELIST),
        {"action": "publish_now", "_selected_action": [item.pk], "index": 0},
        follow=True,
    )
    assert published.status_code == 200
    assert NewsItem.objects.published().filter(pk=item.pk).exists()


def test_recovered_public_item_is_not_offered_for_publishing(admin_client):
    item = make_news_item(title_kk="Жарияланған жаңалық")
    url = _delete_and_open_recovery(admin_client, item)
    _in_english(admin_client)
    response = admin_client.post(url, change_form_data(admin_client.get(url)), follow=True)
    html = response.content.decode()
    assert "was recovered" in html
    assert 'value="publish_now"' not in html.split('class="messagelist"')[1].split("</ul>")[0]


# --- Key figures as a person writes them ---------------------------------------


def test_key_figure_value_in_the_admin_form_has_no_trailing_zeros(admin_client):
    item = make_news_item()
    make_key_figure(item, value=Decimal("4.00"), unit_kk="облыста", qualifier="exact")
    make_key_figure(item, value=Decimal("2.50"), label_kk="үлес", qualifier="exact")
    html = admin_client.get(_change_url(item)).content.decode()
    assert 'name="key_figures-0-value" value="4"' in html
    assert 'name="key_figures-1-value" value="2.5"' in html
    assert "4.00" not in html


def test_key_figure_value_read_only_for_translator_has_no_trailing_zeros(client):
    item = make_news_item()
    make_key_figure(item, value=Decimal("95.00"), qualifier="exact")
    client.force_login(make_staff("figure-translator", "Translators"))
    html = client.get(_change_url(item)).content.decode()
    value_cell = html.split('class="field-shown_value"')[1].split("</td>")[0]
    assert "<p>95</p>" in value_cell


def test_key_figure_value_on_the_site_has_no_trailing_zeros(client):
    item = make_news_item(featured=True)
    make_key_figure(item, value=Decimal("4.00"), unit_kk="облыста", qualifier="exact")
    html = client.get("/kk/").content.decode()
    figure = html.split('class="figure__value"')[1].split("</p>")[0]
    assert ">4<" in figure
    assert "облыста" in figure
    assert "4.00" not in html and "4,00" not in html
