"""The admin index: the site's content first; sign-in records for superusers only."""

import pytest
from django.urls import reverse

from tests.admin_helpers import fast_password_hashing, make_staff  # noqa: F401
from tests.second_step import SignedInClient as Client

pytestmark = pytest.mark.django_db


def app_labels(response):
    return [app["app_label"] for app in response.context["app_list"]]


def test_site_content_comes_first_with_news_on_top(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert app_labels(response)[0] == "assembly"
    content = response.context["app_list"][0]["models"]
    assert [model["object_name"] for model in content][:5] == [
        "NewsItem",
        "Initiative",
        "Institution",
        "Topic",
        "Region",
    ]
    html = response.content.decode()
    assert html.index("/admin/assembly/newsitem/") < html.index("/admin/auth/user/")


def test_sign_in_log_is_under_a_kazakh_heading_for_superusers(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "axes" in app_labels(response)
    html = response.content.decode()
    assert "Кіру журналы" in html
    assert ">Axes<" not in html and "AXES" not in html


def test_sign_in_log_heading_is_russian_in_the_russian_admin(admin_client):
    admin_client.post(reverse("admin:language"), {"language": "ru", "next": "/admin/"})
    assert "Журнал входов" in admin_client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("group", ["Editors", "Translators"])
def test_sign_in_log_is_hidden_from_editors_and_translators(group):
    user = make_staff("staff", group)
    # Even an account given every axes permission sees nothing: the records are superusers'.
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
    client = Client()
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert "axes" not in app_labels(response)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    assert client.get(reverse("admin:axes_accesslog_changelist")).status_code == 403
