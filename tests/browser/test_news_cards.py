import pytest
from django.utils import translation

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Sums the layout shifts of the page from its first paint (CLS without session windows).
LAYOUT_SHIFT_OBSERVER = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_news_cards_with_images_do_not_shift_the_page(new_page, site, viewport):
    from django.urls import reverse

    with translation.override("ru"):
        address = site.url + reverse("assembly:news_list")
    page = new_page(viewport=viewport)
    page.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page.goto(address)
    page.wait_for_load_state("networkidle")

    image = page.locator(".news-card__media img").first
    image.wait_for()
    assert page.evaluate("document.querySelector('.news-card__media img').complete")
    box = image.bounding_box()
    # The fixed 3:2 box, whatever the photo's own proportions.
    assert abs(box["height"] - box["width"] * 2 / 3) < 2
    assert page.evaluate("window.__shift") < 0.01
