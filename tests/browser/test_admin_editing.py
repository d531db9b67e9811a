"""An editor's work in the admin, in a real browser: pasting from Word, conflicts, uploads."""

import pytest

from tests.admin_helpers import fast_password_hashing  # noqa: F401 (autouse fixture)
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

PASSWORD = "Redaktor-Qazaq-2025!"

# What Word puts on the clipboard for a link and a bulleted list (trimmed).
WORD_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    '<p class="MsoNormal">Толығырақ: <a href="https://www.gov.kz/">gov.kz</a></p>'
    '<p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1">'
    '<!--[if !supportLists]--><span style="font-family:Symbol">·'
    '<span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; '
    "</span></span><!--[endif]-->жастар</p>"
    '<p class="MsoListParagraphCxSpLast" style="mso-list:l0 level1 lfo1">'
    '<!--[if !supportLists]--><span style="font-family:Symbol">·'
    '<span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; '
    "</span></span><!--[endif]-->ардагерлер</p>"
    "</body></html>"
)


def _make_editor(username):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    # The transactional test emptied the tables; the groups come back from their migration.
    import_module("assembly.migrations.0001_squashed_0013_search_word_languages").create_groups(
        apps, None
    )
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor(site):
    return _make_editor("aigerim")


@pytest.fixture
def signed_in(browser, site):
    """A page signed in as ``username`` (both sign-in steps passed, as tests/second_step.py
    does it), with the site's real Content Security Policy."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from tests.second_step import SignedInClient

    contexts = []

    def sign_in(username):
        client = SignedInClient()
        client.force_login(get_user_model().objects.get(username=username))
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site.url}]
        )
        return context.new_page()

    yield sign_in
    for context in contexts:
        context.close()


def _paste_html(page, selector, html):
    page.locator(selector).click()
    page.evaluate(
        """([selector, html]) => {
            const target = document.querySelector(selector);
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "");
            target.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                               cancelable: true}));
        }""",
        [selector, html],
    )


def test_pasted_word_link_keeps_its_address_and_list_becomes_a_list(site, editor, signed_in):
    from assembly.models import NewsItem

    page = signed_in("aigerim")
    page.goto(f"{site.url}/admin/assembly/newsitem/add/")
    body = "#tab_id_body_kk [contenteditable=true]"
    page.locator(body).wait_for(state="visible")
    page.fill("#id_title_kk", "Word құжатынан көшірілген мәтін")
    page.fill("#id_lead_kk", "Сілтеме мен тізім сақталады.")
    _paste_html(page, body, WORD_HTML)
    page.locator(f"{body} a").wait_for()
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()

    item = NewsItem.objects.get(title_kk="Word құжатынан көшірілген мәтін")
    assert 'href="https://www.gov.kz/"' in item.body_kk
    assert "http://gov.kz" not in item.body_kk
    assert "<ul><li>жастар</li><li>ардагерлер</li></ul>" in item.body_kk
    assert "·" not in item.body_kk


def _open_change_form(page, site, item):
    page.goto(f"{site.url}/admin/assembly/newsitem/{item.pk}/change/")
    page.locator("#id_lead_kk").wait_for()


def _save_and_continue(page):
    page.click("input[name=_continue]")
    page.wait_for_load_state()


def test_two_tabs_keep_each_others_changes_and_ask_only_about_the_same_field(
    site, editor, signed_in
):
    from assembly.models import NewsItem
    from tests.factories import make_news_item

    _make_editor("dana")
    item = make_news_item(title_kk="Бастапқы тақырып", lead_kk="Бастапқы лид")
    tab_a, tab_b = signed_in("aigerim"), signed_in("dana")

    # A changes the lead and saves; B, opened before, changes only the title.
    _open_change_form(tab_a, site, item)
    _open_change_form(tab_b, site, item)
    tab_a.fill("#id_lead_kk", "А өзгерткен лид")
    _save_and_continue(tab_a)
    tab_a.locator(".messagelist .success").wait_for()
    tab_b.fill("#id_title_kk", "Б өзгерткен тақырып")
    _save_and_continue(tab_b)
    tab_b.locator(".messagelist .success").wait_for()
    assert tab_b.locator("#edit-conflict").count() == 0
    item.refresh_from_db()
    assert (item.title_kk, item.lead_kk) == ("Б өзгерткен тақырып", "А өзгерткен лид")

    # Both change the lead: B sees both versions and chooses.
    _open_change_form(tab_a, site, item)
    _open_change_form(tab_b, site, item)
    tab_a.fill("#id_lead_kk", "А-ның екінші лиді")
    _save_and_continue(tab_a)
    tab_a.locator(".messagelist .success").wait_for()
    tab_b.fill("#id_lead_kk", "Б-ның екінші лиді")
    _save_and_continue(tab_b)
    box = tab_b.locator("#edit-conflict")
    box.wait_for()
    assert "А-ның екінші лиді" in box.inner_text()
    assert "Б-ның екінші лиді" in box.inner_text()
    assert "aigerim" in box.inner_text()  # who saved meanwhile
    assert box.locator("tr.edit-conflict__field").count() == 1
    box.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(exist_ok=True)
    tab_b.screenshot(path=str(SCREENSHOTS / "conflict.png"), full_page=False)

    box.locator("input[name=keep_lead_kk][value=yours]").check()
    _save_and_continue(tab_b)
    tab_b.locator(".messagelist .success").wait_for()
    item = NewsItem.objects.get(pk=item.pk)
    assert item.lead_kk == "Б-ның екінші лиді"
    assert item.title_kk == "Б өзгерткен тақырып"


def test_image_chosen_before_a_validation_error_is_saved_after_the_fix(
    site, editor, signed_in, tmp_path
):
    from PIL import Image

    from assembly.models import NewsItem

    picture = tmp_path / "forum.png"
    Image.new("RGB", (40, 30), (30, 120, 200)).save(picture)
    page = signed_in("aigerim")
    page.goto(f"{site.url}/admin/assembly/newsitem/add/")
    page.locator("#tab_id_body_kk [contenteditable=true]").wait_for(state="visible")
    page.fill("#id_lead_kk", "Суретті жаңалық")
    page.set_input_files("#id_hero_image", str(picture))
    _save_and_continue(page)  # no title: refused

    page.locator(".errornote").wait_for()
    kept = page.locator(".kept-upload")
    assert "forum.png" in kept.inner_text()
    page.fill("#id_title_kk", "Суреті сақталған жаңалық")
    page.locator("#tab_id_body_kk [contenteditable=true]").click()
    page.keyboard.type("Мәтін.")
    _save_and_continue(page)
    page.locator(".messagelist .success").wait_for()

    item = NewsItem.objects.get(title_kk="Суреті сақталған жаңалық")
    assert item.hero_image.name.startswith("newsitem/")


def test_preview_opens_the_unsaved_form_in_a_new_tab(site, editor, signed_in):
    from tests.factories import make_news_item

    item = make_news_item(status="draft", published_at=None, title_kk="Сақталған тақырып")
    page = signed_in("aigerim")
    _open_change_form(page, site, item)
    page.fill("#id_title_kk", "Әлі сақталмаған тақырып")
    with page.context.expect_page() as new_tab:
        page.click("button[name=_preview][lang=kk]")
    preview = new_tab.value
    preview.locator("h1", has_text="Әлі сақталмаған тақырып").wait_for()
    assert preview.locator(".preview-banner").is_visible()
    assert page.url.endswith(f"/admin/assembly/newsitem/{item.pk}/change/")  # still editing
    item.refresh_from_db()
    assert item.title_kk == "Сақталған тақырып"


def test_second_editor_is_told_who_has_the_item_open(site, editor, signed_in):
    from tests.factories import make_news_item

    _make_editor("dana")
    item = make_news_item()
    first, second = signed_in("aigerim"), signed_in("dana")
    errors = []
    second.on("pageerror", lambda error: errors.append(str(error)))
    _open_change_form(first, site, item)
    _open_change_form(second, site, item)
    note = second.locator(".edit-presence")
    note.wait_for(state="visible")
    assert "aigerim" in note.inner_text()
    assert first.locator(".edit-presence").is_hidden()
    assert errors == []
