"""The site and the admin write a date the same way: both read config/formats/<lang>."""

from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from assembly.models import AdminPreference
from tests.admin_helpers import fast_password_hashing, make_staff  # noqa: F401
from tests.factories import make_news_item
from tests.second_step import SignedInClient

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2025, 12, 19, 12, 0, tzinfo=ZoneInfo("Asia/Almaty"))
LONG_DATES = {"kk": "19 желтоқсан 2025 ж.", "ru": "19 декабря 2025 г.", "en": "19 December 2025"}
MONTH_HEADINGS = {"kk": "2025 ж. желтоқсан", "ru": "Декабрь 2025 г.", "en": "December 2025"}


def admin_in(lang, group=None):
    """A client signed in to the admin in ``lang``: a superuser, or a member of ``group``."""
    if group:
        user = make_staff(f"staff-{lang}", group)
    else:
        user = get_user_model().objects.create_superuser(f"admin-{lang}", password="a-long-pw-12")
    AdminPreference.objects.create(user=user, language=lang)
    client = SignedInClient()
    client.force_login(user)
    return client


def text_of(response):
    assert response.status_code == 200
    return " ".join(unescape(response.content.decode()).split())


def news_item():
    return make_news_item(
        title_kk="Ассамблея сессиясы",
        title_ru="Сессия Ассамблеи",
        lead_ru="Кратко.",
        body_ru="<p>Текст.</p>",
        title_en="Assembly session",
        lead_en="In short.",
        body_en="<p>Text.</p>",
        published_at=PUBLISHED,
    )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_article_and_admin_change_list_write_the_same_date(client, lang):
    item = news_item()
    with translation.override(lang):
        article = text_of(client.get(item.get_absolute_url()))
    changelist = text_of(admin_in(lang).get(reverse("admin:assembly_newsitem_changelist")))

    assert f"{LONG_DATES[lang]}, 12:00" in article
    assert LONG_DATES[lang] in changelist


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_admin_change_form_shows_a_read_only_publication_date_as_the_site_does(lang):
    # A translator may not change the publication time: the form shows it as text.
    item = news_item()
    translator = admin_in(lang, "Translators")
    form = text_of(translator.get(reverse("admin:assembly_newsitem_change", args=(item.pk,))))

    assert LONG_DATES[lang] in form


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_month_heading_is_the_same_in_the_site_archive_and_the_admin_date_hierarchy(client, lang):
    news_item()
    with translation.override(lang):
        archive = text_of(client.get(reverse("assembly:news_year", kwargs={"year": 2025})))
    hierarchy = text_of(
        admin_in(lang).get(
            reverse("admin:assembly_newsitem_changelist"), {"published_at__year": "2025"}
        )
    )

    assert f">{MONTH_HEADINGS[lang]}</a>" in archive
    assert f">{MONTH_HEADINGS[lang]}</a>" in hierarchy


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_month_archive_page_is_titled_with_its_month_heading(client, lang):
    news_item()
    with translation.override(lang):
        page = text_of(
            client.get(reverse("assembly:news_month", kwargs={"year": 2025, "month": 12}))
        )

    assert f"<h1>{MONTH_HEADINGS[lang]}</h1>" in page
