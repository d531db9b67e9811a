import pytest
from django.utils import translation

pytestmark = pytest.mark.browser


def test_rss_feed_opened_in_a_browser_reads_as_a_page(new_page, site):
    from django.urls import reverse

    with translation.override("ru"):
        address = site.url + reverse("assembly:news_feed_rss")
        about = translation.gettext("More about feeds")
    page = new_page()
    page.goto(address)

    # The XSLT stylesheet turned the feed into HTML: a heading, the note and the items.
    link = page.get_by_role("link", name=about)
    link.wait_for(timeout=5000)
    assert page.locator("h1").count() == 1
    assert page.locator("li h2 a").count() >= 1
    assert link.get_attribute("href").endswith(reverse_feeds())


def reverse_feeds():
    from django.urls import reverse

    with translation.override("ru"):
        return reverse("assembly:feeds")
