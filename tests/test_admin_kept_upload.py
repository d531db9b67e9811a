"""A chosen image survives a failed validation of the rest of the form."""

import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from assembly.admin import kept_uploads
from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)
from tests.images import png_file, upload

pytestmark = pytest.mark.django_db

ADD = "admin:assembly_newsitem_add"


def _token(html):
    match = re.search(r'name="hero_image_kept" value="([^"]+)"', html)
    return match.group(1) if match else None


def _new_item_data(client, **fields):
    data = change_form_data(
        client.get(reverse(ADD)),
        title_kk="Суреті бар жаңалық",
        lead_kk="Қысқаша",
        body_kk="<p>Мәтін</p>",
        hero_alt_kk="Форумға қатысушылар",
    )
    data.update(fields)
    return data


def test_image_chosen_in_a_form_with_an_error_is_kept_and_saved_next_time(admin_client):
    data = _new_item_data(admin_client, title_kk="")
    response = admin_client.post(reverse(ADD), {**data, "hero_image": png_file("forum.png")})

    assert response.status_code == 200
    html = response.content.decode()
    assert "forum.png" in html  # shown as chosen
    token = _token(html)
    assert token

    fixed = {**change_form_data(response, title_kk="Суреті бар жаңалық"), "hero_image_kept": token}
    assert admin_client.post(reverse(ADD), fixed).status_code == 302
    item = NewsItem.objects.get(title_kk="Суреті бар жаңалық")
    assert item.hero_image
    assert default_storage.exists(item.hero_image.name)
    assert item.hero_image.name.startswith("newsitem/")


def test_kept_image_survives_a_second_failed_validation(admin_client):
    data = _new_item_data(admin_client, title_kk="")
    first = admin_client.post(reverse(ADD), {**data, "hero_image": png_file("forum.png")})
    token = _token(first.content.decode())
    second = admin_client.post(reverse(ADD), {**change_form_data(first), "hero_image_kept": token})
    assert second.status_code == 200
    assert _token(second.content.decode()) == token
    assert "forum.png" in second.content.decode()


def test_a_refused_file_is_not_kept(admin_client):
    data = _new_item_data(admin_client, title_kk="")
    not_an_image = upload("notes.png", b"not an image at all", "image/png")
    response = admin_client.post(reverse(ADD), {**data, "hero_image": not_an_image})
    assert response.status_code == 200
    assert _token(response.content.decode()) is None


@pytest.mark.parametrize("token", ["forged", "e30:1tX:abc", ""])
def test_forged_kept_token_is_ignored(admin_client, token):
    data = _new_item_data(admin_client)
    response = admin_client.post(reverse(ADD), {**data, "hero_image_kept": token})
    assert response.status_code == 302
    assert not NewsItem.objects.get(title_kk="Суреті бар жаңалық").hero_image


def test_token_cannot_name_a_file_outside_the_pending_folder():
    from django.core import signing

    default_storage.save("newsitem/secret.png", png_file())
    token = signing.dumps({"path": "newsitem/secret.png", "name": "x.png"}, salt=kept_uploads.SALT)
    assert kept_uploads.kept(token) is None
