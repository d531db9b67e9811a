"""Two editors with the same item open: no one's change is lost, and only real conflicts ask."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_news_item, make_topic
from tests.second_step import SignedInClient as Client

pytestmark = pytest.mark.django_db


def _change_url(item):
    return reverse("admin:assembly_newsitem_change", args=(item.pk,))


def _trilingual_item(**fields):
    return make_news_item(
        title_ru="Заголовок",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
        title_en="Headline",
        lead_en="Short",
        body_en="<p>Text</p>",
        **fields,
    )


@pytest.fixture
def tabs(admin_user):
    """Two signed-in browsers: A is the admin, B another editor."""
    tab_a = Client()
    tab_a.force_login(admin_user)
    tab_b = Client()
    tab_b.force_login(make_staff("second-editor", "Editors"))
    return tab_a, tab_b


def _open(client, item):
    return change_form_data(client.get(_change_url(item)))


def _save(client, item, data):
    return client.post(_change_url(item), data)


def test_fields_only_the_other_editor_changed_keep_their_newer_value(tabs):
    tab_a, tab_b = tabs
    item = _trilingual_item(lead_kk="Ескі лид")
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)

    assert _save(tab_a, item, {**form_a, "lead_kk": "А жазған жаңа лид"}).status_code == 302
    response = _save(tab_b, item, {**form_b, "title_kk": "Б жазған тақырып"})

    assert response.status_code == 302  # saved, no conflict box
    item.refresh_from_db()
    assert item.lead_kk == "А жазған жаңа лид"
    assert item.title_kk == "Б жазған тақырып"


def test_save_that_kept_the_other_editors_change_says_so(tabs):
    tab_a, tab_b = tabs
    item = _trilingual_item()
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)
    _save(tab_a, item, {**form_a, "lead_ru": "Новый лид"})
    response = tab_b.post(_change_url(item), {**form_b, "title_en": "B's title"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    with translation.override("kk"):
        lead = str(NewsItem._meta.get_field("lead").verbose_name)
    assert any(lead.lower() in m.lower() and "[ru]" in m for m in messages), messages


def test_field_both_changed_shows_both_versions_with_a_choice(tabs):
    tab_a, tab_b = tabs
    item = _trilingual_item(lead_kk="Ескі лид")
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)
    _save(tab_a, item, {**form_a, "lead_kk": "А жазған лид", "title_ru": "Заголовок А"})

    response = _save(tab_b, item, {**form_b, "lead_kk": "Б жазған лид"})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [c["field"] for c in form.edit_conflicts] == ["lead_kk"]
    html = response.content.decode()
    box = html.split('id="edit-conflict"')[1].split("</table>")[0]
    assert "А жазған лид" in box
    assert "Б жазған лид" in box
    assert 'name="keep_lead_kk" value="theirs"' in box
    assert 'name="keep_lead_kk" value="yours"' in box
    assert "Заголовок А" not in box  # only A changed it: not a question
    assert form["title_ru"].value() == "Заголовок А"  # the form shows A's newer value
    assert form["lead_kk"].value() == "Б жазған лид"  # and B's unsaved input
    item.refresh_from_db()
    assert item.lead_kk == "А жазған лид"


@pytest.mark.parametrize(("choice", "expected"), [("theirs", "А жазған лид"), ("yours", "Б лид")])
def test_choice_in_the_conflict_box_decides_the_field(tabs, choice, expected):
    tab_a, tab_b = tabs
    item = _trilingual_item()
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)
    _save(tab_a, item, {**form_a, "lead_kk": "А жазған лид", "title_ru": "Заголовок А"})
    conflict = _save(tab_b, item, {**form_b, "lead_kk": "Б лид", "title_en": "B's title"})

    again = {**change_form_data(conflict), "keep_lead_kk": choice}
    assert _save(tab_b, item, again).status_code == 302
    item.refresh_from_db()
    assert item.lead_kk == expected
    assert item.title_ru == "Заголовок А"
    assert item.title_en == "B's title"


def test_saving_again_without_a_choice_asks_again(tabs):
    tab_a, tab_b = tabs
    item = _trilingual_item()
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)
    _save(tab_a, item, {**form_a, "lead_kk": "А жазған лид"})
    conflict = _save(tab_b, item, {**form_b, "lead_kk": "Б лид"})

    again = _save(tab_b, item, change_form_data(conflict))
    assert again.status_code == 200
    assert [c["field"] for c in again.context["adminform"].form.edit_conflicts] == ["lead_kk"]
    item.refresh_from_db()
    assert item.lead_kk == "А жазған лид"


def test_same_change_by_both_is_no_conflict(tabs):
    tab_a, tab_b = tabs
    item = _trilingual_item()
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)
    _save(tab_a, item, {**form_a, "lead_ru": "Одинаково"})
    assert _save(tab_b, item, {**form_b, "lead_ru": "Одинаково"}).status_code == 302


def test_other_fields_kinds_merge_too(tabs):
    tab_a, tab_b = tabs
    topic = make_topic()
    item = _trilingual_item(status="draft", published_at=None)
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)
    at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(microsecond=0)
    _save(
        tab_a,
        item,
        {
            **form_a,
            "topics": [str(topic.pk)],
            "featured": "on",
            "status": "scheduled",
            "published_at_0": at.strftime("%Y-%m-%d"),
            "published_at_1": at.strftime("%H:%M:%S"),
        },
    )
    response = _save(tab_b, item, {**form_b, "dateline_kk": "Астана"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert list(item.topics.all()) == [topic]
    assert item.featured
    assert item.status == NewsItem.Status.SCHEDULED
    assert item.published_at == at
    assert item.dateline_kk == "Астана"


def test_unchanged_rich_text_is_not_mistaken_for_an_edit(tabs):
    tab_a, tab_b = tabs
    item = _trilingual_item(body_kk='<p>Мәтін <a href="https://www.gov.kz/">gov.kz</a></p>')
    form_a, form_b = _open(tab_a, item), _open(tab_b, item)
    _save(tab_a, item, {**form_a, "body_kk": "<p>А жазған мәтін</p>"})
    # The browser posts the text it was given, with Windows line ends in the plain fields.
    response = _save(tab_b, item, {**form_b, "lead_kk": form_b["lead_kk"] + "\r\nҚосымша"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.body_kk == "<p>А жазған мәтін</p>"


# Moved from test_admin_revisions.py, with the merge: an edit of another field is no conflict.


def test_second_save_keeps_both_editors_changes(client, admin_user):
    other = make_staff("other-editor", "Editors")
    item = _trilingual_item()
    url = _change_url(item)

    client.force_login(admin_user)
    mine = change_form_data(client.get(url))

    other_client = Client()
    other_client.force_login(other)
    theirs = change_form_data(other_client.get(url), title_kk="Басқа редактордың тақырыбы")
    assert other_client.post(url, theirs).status_code == 302

    mine["lead_ru"] = "Мой новый лид"
    response = client.post(url, mine)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_kk == "Басқа редактордың тақырыбы"
    assert item.lead_ru == "Мой новый лид"


def test_save_without_intervening_change_has_no_conflict(admin_client):
    item = _trilingual_item()
    url = _change_url(item)
    response = admin_client.post(url, change_form_data(admin_client.get(url), lead_en="Changed"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.lead_en == "Changed"


@pytest.mark.parametrize("token", ["5", "not json", "[1, 2]", '{"seen": 3}'])
def test_damaged_edit_token_is_a_conflict_not_an_error(admin_client, token):
    item = _trilingual_item()
    url = _change_url(item)
    data = change_form_data(admin_client.get(url), edit_token=token, title_ru="Другое")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.edit_conflicts
    item.refresh_from_db()
    assert item.title_ru == "Заголовок"
