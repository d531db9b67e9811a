import pytest

from tests.second_step import sign_in

pytestmark = pytest.mark.browser

ENGLISH_TOOLBAR = ["bold", "italic", "insert link", "Insert table", "ordered list", "undo"]


@pytest.fixture
def editor(site):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("redaktor", "", "Qazaq-Eli-2025!")
    return {"username": "redaktor", "password": "Qazaq-Eli-2025!"}


@pytest.mark.parametrize(
    ("lang", "bold", "paragraph", "heading"),
    [("kk", "жуан", "Абзац", "2-деңгейлі тақырып"), ("ru", "полужирный", "Абзац", "Заголовок 2")],
)
def test_rich_text_toolbar_speaks_the_admins_language(
    new_page, site, editor, lang, bold, paragraph, heading
):
    from assembly.models import NewsItem

    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    page = new_page()
    page.context.add_cookies([{"name": "language", "value": lang, "url": site.url}])
    sign_in(page, site.url, editor["username"], editor["password"])
    page.goto(f"{site.url}/admin/assembly/newsitem/{article.pk}/change/")

    menubar = page.locator(".prose-menubar").first
    menubar.wait_for(state="attached")
    page.wait_for_function(
        "t => [...document.querySelectorAll('.prose-menubar [title]')].some(b => b.title === t)",
        arg=bold,
    )
    titles = menubar.evaluate("m => [...m.querySelectorAll('[title]')].map(b => b.title)")
    assert bold in titles
    assert [title for title in titles if title in ENGLISH_TOOLBAR] == []
    text = menubar.evaluate("m => m.textContent")
    assert paragraph in text and heading in text
    assert "Heading 2" not in text and "Paragraph" not in text
