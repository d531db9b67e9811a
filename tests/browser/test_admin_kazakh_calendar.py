import pytest

from tests.second_step import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(site):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("redaktor", "", "Qazaq-Eli-2025!")
    return {"username": "redaktor", "password": "Qazaq-Eli-2025!"}


def test_kazakh_admin_calendar_shows_kazakh_months_and_starts_on_monday(new_page, site, editor):
    from assembly.models import NewsItem

    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    page = new_page()
    page.context.add_cookies([{"name": "language", "value": "kk", "url": site.url}])
    sign_in(page, site.url, editor["username"], editor["password"])
    page.goto(f"{site.url}/admin/assembly/newsitem/{article.pk}/change/")

    # The first shortcut is "today"; the second opens the calendar of the publication date.
    page.locator(".datetimeshortcuts a").nth(1).click()
    calendar = page.locator(".calendarbox").first
    calendar.wait_for(state="visible")

    assert calendar.locator("caption").text_content() == "Желтоқсан 2025"
    weekdays = [cell.text_content() for cell in calendar.locator("th").all()]
    assert weekdays == ["Д", "С", "С", "Б", "Ж", "С", "Ж"]
    assert "Бүгін" in calendar.text_content() and "Бас тарту" in calendar.text_content()
    assert page.locator("#id_published_at_0").input_value() == "19.12.2025"
