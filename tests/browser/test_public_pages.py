import pytest
from django.utils import translation

from tests.browser.conftest import AXE, screenshot

pytestmark = pytest.mark.browser

LANGUAGES = ["kk", "ru", "en", "kk-latn"]
PHONE = {"width": 360, "height": 740}


def page_paths(lang="kk"):
    """One address per template a reader can reach."""
    from django.urls import reverse

    from assembly.models import Initiative, Institution, NewsItem, Region, Topic

    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    kazakh_only = NewsItem.objects.exclude(pk__in=NewsItem.objects.translated_into("en")).first()
    with translation.override(lang):
        paths = {
            "home": reverse("assembly:home"),
            "news_list": reverse("assembly:news_list"),
            "news_archive": reverse("assembly:news_month", kwargs={"year": 2025, "month": 12}),
            "news_detail": article.get_absolute_url(),
            "topic_detail": Topic.objects.get(seed_key="youth").get_absolute_url(),
            "initiative_list": reverse("assembly:initiative_list"),
            "initiative_detail": Initiative.objects.get(
                seed_key="jomart-jan-assistance"
            ).get_absolute_url(),
            "institution_list": reverse("assembly:institution_list") + "?kind=friendship_house",
            "institution_detail": Institution.objects.get(
                seed_key="friendship-houses"
            ).get_absolute_url(),
            "region_list": reverse("assembly:region_list"),
            "region_detail": Region.objects.get(code="atyrau").get_absolute_url(),
            "about": reverse("assembly:about"),
            "not_found": f"/{lang}/no-such-page/",
        }
    if kazakh_only is not None:
        with translation.override("en"):
            paths["news_detail_fallback"] = kazakh_only.get_absolute_url()
    return paths


@pytest.fixture
def kazakh_only_item(site):
    from tests.factories import make_news_item

    return make_news_item(title_kk="Тек қазақша жаңалық", lead_kk="Қысқаша", body_kk="<p>Мәтін</p>")


def test_switching_language_by_clicking_keeps_the_article(new_page, site):
    from assembly.models import NewsItem

    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    page = new_page()
    page.goto(site.url + page_paths("kk")["news_detail"])

    for lang in ("ru", "en", "kk"):
        page.click(f'.lang-switcher a[data-lang="{lang}"]')
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == lang
        with translation.override(lang):
            assert page.url == site.url + article.get_absolute_url()
        # The title is typeset (assembly/typography.py): a no-break space after a number.
        title = page.inner_text("h1").replace("\xa0", " ")
        assert title == getattr(article, f"title_{lang}")


def test_the_language_picked_is_remembered_for_the_root(new_page, site):
    page = new_page(extra_http_headers={"Accept-Language": "kk"})
    page.goto(site.url + "/kk/")

    page.click('.lang-switcher a[data-lang="en"]')
    page.wait_for_load_state()
    page.goto(site.url + "/")

    assert page.url == site.url + "/en/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violation_on_any_template(new_page, site, kazakh_only_item, lang):
    page = new_page()
    problems = []
    for name, path in page_paths(lang).items():
        page.goto(site.url + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{lang} {name}: {violation['id']} {targets}")
        if lang == "en":
            screenshot(page, f"desktop-{name}")
    assert problems == []


def test_phone_viewport_has_no_sideways_scroll(new_page, site, kazakh_only_item):
    page = new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    too_wide = []
    for lang in LANGUAGES:
        for name, path in page_paths(lang).items():
            page.goto(site.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{lang} {name}: {width}px")
            if lang == "kk":
                screenshot(page, f"phone-{name}")
    assert too_wide == []


def test_pages_work_without_javascript(new_page, site):
    page = new_page(java_script_enabled=False)
    page.goto(site.url + page_paths("en")["institution_list"])

    page.select_option("#id_kind", "club")
    page.click(".filters button[type=submit]")

    assert "kind=club" in page.url
    assert page.locator(".entity-list__item").count() >= 1
    page.goto(site.url + page_paths("en")["news_detail"])
    assert page.locator(".share__list a").count() >= 5
    assert not page.locator(".share__copy").is_visible()


def test_skip_link_is_the_first_stop_and_visible_on_focus(new_page, site):
    page = new_page()
    page.goto(site.url + "/kk/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0
