import pytest

from tests.admin_helpers import fast_password_hashing  # noqa: F401 (autouse fixture)
from tests.second_step import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "Csp-Check-Password-2025!"


@pytest.fixture
def strict_page(browser, site):
    # No bypass_csp: what the browser refuses under the real policy is what this test sees.
    context = browser.new_context()
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.violations.append((page.url, str(error))))
    yield page
    context.close()


def test_public_pages_break_no_rule_of_the_content_security_policy(strict_page, site):
    from assembly.models import NewsItem

    article = NewsItem.objects.published().first()
    for path in ("/kk/", "/ru/news/", "/en/institutions/", article.get_absolute_url()):
        strict_page.goto(site.url + path)
        strict_page.wait_for_load_state("load")
    assert strict_page.violations == []


def test_admin_rich_text_editor_runs_under_the_content_security_policy(strict_page, site):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("csp-admin", "csp@example.kz", PASSWORD)
    sign_in(strict_page, site.url, "csp-admin", PASSWORD)
    strict_page.wait_for_url("**/admin/")
    strict_page.goto(site.url + "/admin/assembly/newsitem/add/")
    strict_page.wait_for_selector(".ProseMirror", state="attached", timeout=10_000)
    assert strict_page.locator(".ProseMirror").count() >= 1
    assert strict_page.violations == []
