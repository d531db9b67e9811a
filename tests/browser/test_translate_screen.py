"""A translator's day in a real browser: dashboard, the Kazakh change highlighted, the fix."""

import pytest

from tests.admin_helpers import fast_password_hashing  # noqa: F401 (autouse fixture)
from tests.browser.conftest import SCREENSHOTS
from tests.second_step import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "Audarmashy-Qazaq-2025!"


@pytest.fixture
def outdated_item(site):
    from importlib import import_module

    import reversion
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from assembly import translation_sources, translation_status
    from tests.factories import make_news_item

    import_module("assembly.migrations.0001_squashed_0013_search_word_languages").create_groups(
        apps, None
    )
    user = get_user_model().objects.create_user("dana", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Translators"))
    item = make_news_item(
        title_kk="Ассамблея жиыны өтті",
        title_ru="Состоялось собрание Ассамблеи",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
    )
    translation_status.mark_translations_current(item, ["ru"])
    with reversion.create_revision():
        item.save()
    translation_sources.keep_sources(item)
    item.title_kk = "Ассамблея жиыны Астанада өтті"
    item.save()
    return item


def test_translator_fixes_an_outdated_russian_title(browser, site, outdated_item):
    from assembly import translation_status

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, site.url, "dana", PASSWORD)
        page.goto(f"{site.url}/admin/translations/")
        page.click(f"a[href$='/{outdated_item.pk}/translate/ru/']")
        diff = page.locator("#translate-title .source-diff")
        assert diff.locator("ins").inner_text() == "Астанада"
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "translate-screen.png"), full_page=True)
        page.fill("#id_title_ru", "Собрание Ассамблеи прошло в Астане")
        with page.expect_navigation():
            page.click("input[name=_save]")
        assert page.locator("#translate-title .source-diff").count() == 0
        outdated_item.refresh_from_db()
        assert outdated_item.title_ru == "Собрание Ассамблеи прошло в Астане"
        assert translation_status.language_state(outdated_item, "ru") == "complete"
    finally:
        context.close()
