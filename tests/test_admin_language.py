"""The admin speaks Kazakh unless the editor chose otherwise, whatever the browser says."""

import pytest
from django.urls import reverse

from assembly.models import AdminPreference
from tests.admin_helpers import fast_password_hashing, make_staff  # noqa: F401
from tests.second_step import SignedInClient as Client

pytestmark = pytest.mark.django_db

RUSSIAN_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9,en;q=0.8"}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def choose(client, language, next_url=None):
    return client.post(
        reverse("admin:language"),
        {"language": language, "next": next_url or reverse("admin:index")},
    )


def test_sign_in_page_is_kazakh_for_a_russian_browser(client):
    response = client.get(reverse("admin:login"), **RUSSIAN_BROWSER)
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "kk"
    assert '<html lang="kk"' in response.content.decode()


def test_admin_is_kazakh_for_a_signed_in_editor_with_a_russian_browser():
    client = signed_in(make_staff("aigerim", "Editors"))
    response = client.get(reverse("admin:index"), **RUSSIAN_BROWSER)
    assert response.context["LANGUAGE_CODE"] == "kk"
    assert "Сайт мазмұны" in response.content.decode()


def test_sign_in_page_offers_the_language_switcher(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert f'action="{reverse("admin:language")}"' in html
    for code in ("kk", "ru", "en"):
        assert f'name="language" value="{code}"' in html


def test_admin_is_not_offered_in_the_latin_reading_of_kazakh(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert 'name="language" value="kk-latn"' not in html


def test_a_reader_of_the_latin_reading_gets_the_admin_in_kazakh(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk-latn"
    response = client.get(reverse("admin:login"))
    assert response.context["LANGUAGE_CODE"] == "kk"
    assert '<html lang="kk"' in response.content.decode()


def test_language_chosen_on_the_sign_in_page_is_used_there(client):
    login = reverse("admin:login")
    response = choose(client, "ru", login)
    assert response.status_code == 302
    assert response["Location"] == login
    page = client.get(login, HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["LANGUAGE_CODE"] == "ru"
    assert "Войти" in page.content.decode()


def test_each_editor_keeps_their_own_admin_language():
    aigerim = make_staff("aigerim", "Editors")
    ivan = make_staff("ivan", "Translators")
    choose(signed_in(ivan), "ru")
    assert AdminPreference.objects.get(user=ivan).language == "ru"
    # Another browser, no cookie: the choice comes with the account.
    assert signed_in(ivan).get(reverse("admin:index")).context["LANGUAGE_CODE"] == "ru"
    assert signed_in(aigerim).get(reverse("admin:index")).context["LANGUAGE_CODE"] == "kk"


def test_stored_choice_wins_over_a_language_cookie(settings):
    ivan = make_staff("ivan", "Translators")
    AdminPreference.objects.create(user=ivan, language="en")
    client = signed_in(ivan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert client.get(reverse("admin:index")).context["LANGUAGE_CODE"] == "en"


def test_changing_the_choice_replaces_it():
    ivan = make_staff("ivan", "Translators")
    client = signed_in(ivan)
    choose(client, "ru")
    choose(client, "en")
    assert list(AdminPreference.objects.filter(user=ivan).values_list("language", flat=True)) == [
        "en"
    ]
    assert client.get(reverse("admin:index")).context["LANGUAGE_CODE"] == "en"


def test_unknown_language_changes_nothing():
    ivan = make_staff("ivan", "Translators")
    client = signed_in(ivan)
    response = choose(client, "xx")
    assert response.status_code == 302
    assert not AdminPreference.objects.filter(user=ivan).exists()
    assert client.get(reverse("admin:index")).context["LANGUAGE_CODE"] == "kk"


def test_switcher_only_accepts_posts(client):
    assert client.get(reverse("admin:language")).status_code == 405


def test_admin_language_does_not_change_the_public_site_language():
    ivan = make_staff("ivan", "Translators")
    AdminPreference.objects.create(user=ivan, language="ru")
    response = signed_in(ivan).get("/en/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
