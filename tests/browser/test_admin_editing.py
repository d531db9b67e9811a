"""An editor's work in the admin, in a real browser: pasting from Word, conflicts, uploads."""

import pytest

from tests.admin_helpers import fast_password_hashing  # noqa: F401 (autouse fixture)

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
    import_module("assembly.migrations.0006_editor_groups").create_groups(apps, None)
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor(site):
    return _make_editor("aigerim")


@pytest.fixture
def signed_in(browser, site):
    """A page signed in as ``username``, with the site's real Content Security Policy."""
    contexts = []

    def sign_in(username):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{site.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.locator("#user-tools").wait_for()
        return page

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
