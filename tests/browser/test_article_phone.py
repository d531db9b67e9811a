"""The article on a phone at 390x844, and its weight on a slow network (issue 19)."""

import os
from pathlib import Path

import pytest
from django.utils import translation

pytestmark = pytest.mark.browser

LANGUAGES = ["kk", "ru", "en"]
PHONE = {"width": 390, "height": 844}


def article_path(lang):
    from assembly.models import NewsItem

    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    with translation.override(lang):
        return article.get_absolute_url()


def save_screenshot(page, name):
    # Screenshots for the note go where PHONE_SCREENSHOTS points, never into the repo.
    folder = os.environ.get("PHONE_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_header_is_one_row(new_page, site, lang):
    page = new_page(viewport=PHONE, is_mobile=True)
    page.goto(site.url + article_path(lang))
    if lang == "ru":
        save_screenshot(page, "phone-article")

    height = page.locator(".site-header").bounding_box()["height"]

    assert height <= 80, f"header {height}px"


def test_phone_menu_opens_without_javascript(new_page, site):
    page = new_page(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page.goto(site.url + article_path("kk"))
    assert not page.locator(".main-nav").is_visible()

    page.locator(".site-menu__button").click()
    save_screenshot(page, "phone-menu-open")

    assert page.locator(".main-nav a").first.is_visible()
    assert page.locator(".site-search input").is_visible()
    assert page.locator(".lang-switcher a").first.is_visible()


def test_desktop_header_shows_menu_and_search_without_a_button(new_page, site):
    page = new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page.goto(site.url + article_path("en"))
    save_screenshot(page, "desktop-article")

    assert not page.locator(".site-menu__button").is_visible()
    assert page.locator(".main-nav a").first.is_visible()
    assert page.locator(".site-search input").is_visible()
    assert page.locator(".lang-switcher a").first.is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_article_text_starts_on_the_first_phone_screen(new_page, site, lang):
    page = new_page(viewport=PHONE, is_mobile=True)
    page.goto(site.url + article_path(lang))
    page.wait_for_load_state("load")
    save_screenshot(page, f"phone-article-{lang}")

    hero = page.locator(".article__hero img").bounding_box()
    first_line = page.locator(".article__body > :first-child").bounding_box()

    assert hero is not None and hero["y"] + hero["height"] <= PHONE["height"]
    # At least the first line of the body (its line height is under 30 px) is on screen.
    assert first_line["y"] + 30 <= PHONE["height"], f"body text starts at {first_line['y']}px"


SLOW_NETWORK = {
    "offline": False,
    "latency": 400,  # ms, each way together
    "downloadThroughput": 400 * 1000 / 8,  # 400 kbit/s in bytes per second
    "uploadThroughput": 400 * 1000 / 8,
}


def load_on_slow_network(page, url):
    """Opens ``url`` at 400 kbit/s and 400 ms; returns {address: bytes on the wire}."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
    addresses, sizes = {}, {}
    cdp.on(
        "Network.responseReceived",
        lambda event: addresses.update({event["requestId"]: event["response"]["url"]}),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.update({event["requestId"]: event["encodedDataLength"]}),
    )
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    return {addresses.get(request, request): size for request, size in sizes.items()}


# The font files each language's article downloads; never the other languages' letters.
FONTS = {
    "kk": ["noto-sans-cyrillic.woff2", "noto-sans-kazakh.woff2", "noto-sans-latin.woff2"],
    # The Russian article quotes Kazakh titles («Жаңа толқын»).
    "ru": ["noto-sans-cyrillic.woff2", "noto-sans-kazakh.woff2", "noto-sans-latin.woff2"],
    "en": ["noto-sans-latin.woff2"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_article_downloads_at_most_100_kb_and_only_its_fonts(new_page, site, lang):
    page = new_page(viewport=PHONE, is_mobile=True)

    transfers = load_on_slow_network(page, site.url + article_path(lang))

    fonts = sorted(url.rsplit("/", 1)[1] for url in transfers if url.endswith(".woff2"))
    paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
    )
    # First paint is printed, not asserted: the test server sends CSS uncompressed.
    print(f"{lang}: {sum(transfers.values())} bytes, first contentful paint {paint} ms")
    assert fonts == FONTS[lang]
    assert sum(transfers.values()) <= 100_000
