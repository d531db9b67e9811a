import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_search_results_look_like_the_rest_of_the_site(new_page, site, name, viewport):
    page = new_page(viewport=viewport)
    page.goto(f"{site.url}/ru/search/?q=ассамблея")
    box = page.locator("#search-page-q")
    styles = box.evaluate(
        "el => [getComputedStyle(el).borderTopColor, getComputedStyle(el.form).backgroundColor,"
        " getComputedStyle(document.body).backgroundColor]"
    )
    border, _form, body = styles
    # The box on the page (not the one in the dark header) has a border a reader can see.
    assert border != body
    assert border not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    results = page.locator(".search-results").first
    assert results.evaluate("el => getComputedStyle(el).listStyleType") == "none"
    assert page.locator(".search-result").count() >= 1
    assert page.locator(".search-result mark").count() >= 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    screenshot(page, f"{name}-search-ru")


def test_filters_open_and_narrow_the_news_list(new_page, site):
    page = new_page(viewport=PHONE)
    page.goto(f"{site.url}/ru/news/")
    page.locator(".filters summary").click()
    page.select_option("#id_region", "atyrau")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url("**region=atyrau**")
    assert page.locator("#id_region").input_value() == "atyrau"
    assert page.locator(".result-count").count() == 1
    screenshot(page, "phone-news-filtered-ru")
