"""Every admin screen fits a 1280×800 laptop: no sideways scrolling, no heading covered."""

import pytest

from tests.admin_helpers import fast_password_hashing  # noqa: F401 (autouse fixture)
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1280, 800
NEWS_LIST_SCREENSHOT = str(SCREENSHOTS / "newslist-1280.png")

# What the browser measures on each screen: sideways overflow, the header's rows, and whether
# the page heading lies under the object tools ("history", "view on site").
MEASURE = """() => {
  const root = document.documentElement;
  const box = (selector, text) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    let rect = element.getBoundingClientRect();
    if (text) {
      // The heading's words, not its block, which runs under floated tools by design.
      const range = document.createRange();
      range.selectNodeContents(element);
      rect = range.getBoundingClientRect();
    }
    return {top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right};
  };
  const overlaps = (a, b) => a && b && a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  const wide = [...document.querySelectorAll('body *')]
    .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 3)
    .map((element) => element.tagName + '#' + element.id + '.' + element.className);
  // A box that scrolls sideways inside the page hides columns just the same.
  const scrollers = [...document.querySelectorAll('body *')]
    .filter((element) => !['SELECT', 'TEXTAREA', 'INPUT'].includes(element.tagName)
      && ['auto', 'scroll'].includes(getComputedStyle(element).overflowX)
      && element.scrollWidth > element.clientWidth + 1)
    .slice(0, 3)
    .map((element) => element.tagName + '#' + element.id + '.' + element.className
      + ' ' + element.scrollWidth + '>' + element.clientWidth);
  const heading = box('#content h1', true);
  const tools = box('.object-tools');
  const branding = box('#branding');
  const userTools = box('#user-tools');
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    wide: wide,
    scrollers: scrollers,
    headingCovered: overlaps(heading, tools),
    headerWraps: Boolean(branding && userTools && userTools.top >= branding.bottom - 1),
  };
}"""


def _session_cookie(user, site):
    from django.conf import settings

    from tests.second_step import SignedInClient

    # Signed in through both steps, as tests/second_step.py does it.
    client = SignedInClient()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": site.url,
    }


def _users():
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    # The transactional test emptied the tables; the groups come back from their migration.
    import_module("assembly.migrations.0001_squashed_0013_search_word_languages").create_groups(
        apps, None
    )
    users = get_user_model().objects
    superuser = users.create_superuser("root", "", "Qazaq-Eli-2025!")
    translator = users.create_user("ivan", password="Qazaq-Eli-2025!", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translators"))
    return {"superuser": superuser, "translator": translator}


def _two_versions_of(obj):
    import reversion

    for _ in range(2):
        with reversion.create_revision():
            obj.save()


def admin_screens(user):
    """Each admin address this user may open: index, app pages, and per model the list, the
    add form, the change form, its history and its compare page, and the delete page."""
    import reversion
    from django.contrib import admin
    from django.test import RequestFactory
    from django.urls import NoReverseMatch, reverse
    from reversion.models import Version

    request = RequestFactory().get("/admin/")
    request.user = user
    screens = [reverse("admin:index"), reverse("translation_dashboard")]
    screens.append(reverse("admin:password_change"))
    for app in admin.site.get_app_list(request):
        screens.append(reverse("admin:app_list", args=[app["app_label"]]))
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = model._meta.app_label, model._meta.model_name
        screens.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            screens.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        screens.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        screens.append(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
        if model_admin.has_delete_permission(request, obj):
            screens.append(reverse("admin:{}_{}_delete".format(*info), args=[obj.pk]))
        if not reversion.is_registered(model):
            continue
        versions = list(Version.objects.get_for_object(obj)[:2])
        if len(versions) == 2:
            try:
                compare = reverse("admin:{}_{}_compare".format(*info), args=[obj.pk])
            except NoReverseMatch:
                continue
            screens.append(f"{compare}?a={versions[1].pk}&b={versions[0].pk}")
    return screens


@pytest.fixture
def users(site):
    from django.contrib.contenttypes.models import ContentType

    from assembly.models import Institution, NewsItem

    # The tables were emptied and filled again: remembered content type ids are stale.
    ContentType.objects.clear_cache()
    for model in (NewsItem, Institution):
        _two_versions_of(model.objects.order_by("pk").first())
    return _users()


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("role", ["superuser", "translator"])
def test_every_admin_screen_fits_1280_pixels(new_page, site, users, role, lang):
    from assembly.models import AdminPreference

    user = users[role]
    AdminPreference.objects.create(user=user, language=lang)
    page = new_page(viewport={"width": WIDTH, "height": HEIGHT})
    page.context.add_cookies([_session_cookie(user, site)])
    problems = {}
    screens = admin_screens(user)
    assert len(screens) > 10, screens
    for path in screens:
        response = page.goto(f"{site.url}{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang, path
        found = page.evaluate(MEASURE)
        if (
            found["scrollWidth"] > found["clientWidth"]
            or found["scrollers"]
            or found["headingCovered"]
            or found["headerWraps"]
        ):
            problems[path] = found
        if role == "superuser" and lang == "kk" and path.endswith("/newsitem/"):
            page.screenshot(path=NEWS_LIST_SCREENSHOT)
    assert not problems, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_title_box_is_wide_and_body_editor_opens_several_lines_tall(new_page, site, users):
    page = new_page(viewport={"width": WIDTH, "height": HEIGHT})
    page.context.add_cookies([_session_cookie(users["superuser"], site)])
    page.goto(f"{site.url}/admin/assembly/newsitem/add/")
    title = page.locator("#id_title_kk")
    title.fill("Ә" * 250)
    # A 250-character headline is read in two lines of this box, not ten of a narrow one.
    assert title.bounding_box()["width"] >= 700
    editor = page.locator("#tab_id_body_kk [contenteditable=true]")
    editor.wait_for(state="visible")
    assert editor.bounding_box()["height"] >= 150
