"""Preview: the open form as readers would see it, marked as not public, never saved."""

import pytest
from django.urls import reverse

from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)
from tests.factories import make_news_item

pytestmark = pytest.mark.django_db


def _preview_url(item, lang):
    return reverse("admin:assembly_newsitem_preview", args=(item.pk, lang))


def _change_url(item):
    return reverse("admin:assembly_newsitem_change", args=(item.pk,))


def test_preview_of_unsaved_edits_shows_them_and_saves_nothing(admin_client):
    item = make_news_item(title_kk="Сақталған тақырып", body_kk="<p>Сақталған мәтін</p>")
    data = change_form_data(
        admin_client.get(_change_url(item)),
        title_kk="Сақталмаған тақырып",
        body_kk="<p>Сақталмаған мәтін</p>",
    )
    response = admin_client.post(_preview_url(item, "kk"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Сақталмаған тақырып" in html
    assert "Сақталмаған мәтін" in html
    assert "Сақталған мәтін" not in html
    assert 'class="preview-banner"' in html
    assert "no-store" in response["Cache-Control"]
    item.refresh_from_db()
    assert item.title_kk == "Сақталған тақырып"


def test_preview_of_unsaved_edits_does_not_reach_readers(admin_client, client):
    item = make_news_item(title_kk="Жарияланған", body_kk="<p>Оқырман көретін мәтін</p>")
    reader_url = item.get_absolute_url()
    assert "Оқырман көретін мәтін" in client.get(reader_url).content.decode()
    data = change_form_data(admin_client.get(_change_url(item)), body_kk="<p>Жоба мәтін</p>")
    admin_client.post(_preview_url(item, "kk"), data)

    html = client.get(reader_url).content.decode()
    assert "Оқырман көретін мәтін" in html
    assert "Жоба мәтін" not in html
    assert "preview-banner" not in html


def test_preview_of_a_new_unsaved_item(admin_client):
    add = admin_client.get(reverse("admin:assembly_newsitem_add"))
    data = change_form_data(
        add, title_kk="Жаңа жаңалық", lead_kk="Қысқаша", body_kk="<p>Жаңа мәтін</p>"
    )
    response = admin_client.post(reverse("admin:assembly_newsitem_preview_new", args=("kk",)), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Жаңа жаңалық" in html
    assert "Жаңа мәтін" in html
    assert 'class="preview-banner"' in html
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize(
    ("lang", "banner"),
    [
        ("kk", "Алдын ала қарау"),
        ("ru", "Предварительный просмотр"),
        ("en", "Preview"),
    ],
)
def test_preview_banner_says_not_public_in_the_admin_language(admin_client, lang, banner):
    admin_client.post(reverse("set_language"), {"language": lang, "next": "/admin/"})
    item = make_news_item(status="draft", published_at=None)
    response = admin_client.get(_preview_url(item, "kk"))
    html = response.content.decode()
    notice = html.split('class="preview-banner"')[1].split("</div>")[0]
    assert banner in notice
    assert f'lang="{lang}"' in notice


def test_change_form_offers_preview_of_the_open_form_in_a_new_tab(admin_client):
    item = make_news_item(status="draft", published_at=None)
    html = admin_client.get(_change_url(item)).content.decode()
    for lang in ("kk", "ru", "en"):
        assert f'formaction="{_preview_url(item, lang)}" formtarget="_blank"' in html
    # The links to the saved version open in a new tab too.
    assert f'href="{_preview_url(item, "kk")}" class="viewsitelink" lang="kk" target="_blank"' in (
        html
    )


def test_preview_of_new_item_needs_add_permission(client):
    from tests.admin_helpers import make_staff

    client.force_login(make_staff("translator-preview", "Translators"))
    url = reverse("admin:assembly_newsitem_preview_new", args=("kk",))
    assert client.post(url, {"title_kk": "x"}).status_code == 403
