import pytest

from tests.admin_helpers import fast_password_hashing  # noqa: F401 (autouse fixture)
from tests.second_step import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "Redaktor-Qazaq-2025!"
TITLE_KK = "Достық үйінде жастар форумы өтті"
TITLE_RU = "В Доме дружбы прошёл молодёжный форум"


@pytest.fixture
def editor(site):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    # The transactional test emptied the tables; the groups come back from their migration.
    import_module("assembly.migrations.0001_squashed_0013_search_word_languages").create_groups(
        apps, None
    )
    user = get_user_model().objects.create_user("aigerim", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _type_in_tab(page, field, lang, text, *, rich=False):
    page.click(f"a[href='#tab_id_{field}_{lang}']")
    panel = page.locator(f"#tab_id_{field}_{lang}")
    if rich:
        editor = panel.locator("[contenteditable=true]")
        editor.click()
        page.keyboard.type(text)
    else:
        panel.locator(f"#id_{field}_{lang}").fill(text)


@pytest.fixture
def page(browser, site):
    # No bypass_csp: the editor must work under the site's real Content Security Policy.
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_editor_writes_kazakh_adds_russian_publishes_and_readers_see_it(page, site, editor):
    from assembly.models import NewsItem

    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.context.add_cookies([{"name": "language", "value": "kk", "url": site.url}])
    sign_in(page, site.url, "aigerim", PASSWORD)

    page.goto(f"{site.url}/admin/assembly/newsitem/add/")
    # The rich text editor has started inside the language tabs.
    page.locator("#tab_id_body_kk [contenteditable=true]").wait_for(state="visible")
    # Tabs of languages without text are marked.
    page.locator("li.translation-tab--empty a[href='#tab_id_title_en']").wait_for()

    _type_in_tab(page, "title", "kk", TITLE_KK)
    page.locator("li:not(.translation-tab--empty) > a[href='#tab_id_title_kk']").wait_for()
    _type_in_tab(page, "lead", "kk", "Форумға екі жүз жас қатысты.")
    _type_in_tab(page, "body", "kk", "Форум Астанада өтті.", rich=True)
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()

    item = NewsItem.objects.get(title_kk=TITLE_KK)
    assert item.status == NewsItem.Status.DRAFT
    assert "Форум Астанада өтті." in item.body_kk

    _type_in_tab(page, "title", "ru", TITLE_RU)
    _type_in_tab(page, "lead", "ru", "В форуме участвовали двести молодых людей.")
    _type_in_tab(page, "body", "ru", "Форум прошёл в Астане.", rich=True)
    page.click("input[name=_save]")
    page.locator(".messagelist .success").wait_for()

    # Publish from the list with the bulk action.
    page.locator("tr", has_text=TITLE_KK).locator("input.action-select").check()
    page.select_option("select[name=action]", "publish_now")
    page.click("button[name=index]")
    page.locator(".messagelist .success").wait_for()

    item.refresh_from_db()
    assert item.status == NewsItem.Status.PUBLISHED
    assert item.title_ru == TITLE_RU
    assert "Форум прошёл в Астане." in item.body_ru

    page.goto(f"{site.url}/kk/news/")
    assert TITLE_KK in page.content()
    page.goto(f"{site.url}/ru/news/")
    assert TITLE_RU in page.content()
    page.goto(f"{site.url}/en/news/")
    english = page.content()
    assert TITLE_KK not in english
    assert TITLE_RU not in english
    assert errors == []
