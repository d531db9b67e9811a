import base64
import hashlib
import logging
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_max_age

from assembly.cache import EVERYTHING, PageCacheMiddleware, invalidate, page_timeout
from assembly.models import NewsItem
from assembly.templatetags import page_parts
from tests.factories import make_news_item, make_topic

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def url(name, lang="kk", **kwargs):
    with translation.override(lang):
        return reverse(f"assembly:{name}", kwargs=kwargs or None)


@pytest.fixture
def news(db):
    return make_news_item(
        title_kk="Бірінші жаңалық",
        title_ru="Первая новость",
        lead_ru="Кратко",
        body_ru="<p>Текст</p>",
    )


def test_second_anonymous_visit_is_served_from_cache(client, news):
    first = client.get(url("news_list"))
    second = client.get(url("news_list"))

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Бірінші жаңалық" in second.content.decode()


@pytest.fixture
def change_stylesheet(monkeypatch):
    """Replaces site.css's text, as a deploy that changes the file does."""
    from assembly import stylesheet

    def forget():
        stylesheet._remembered.cache_clear()
        page_parts._rendered.cache_clear()

    def change(text):
        monkeypatch.setattr(stylesheet, "_read", lambda: text)
        forget()

    yield change
    monkeypatch.undo()
    forget()


def test_page_cached_before_the_stylesheet_changed_is_not_served(client, news, change_stylesheet):
    assert client.get(url("news_list"))["X-Page-Cache"] == "miss"
    change_stylesheet(".site-header { color: red; }")

    response = client.get(url("news_list"))

    # The cached page holds the old text, which the new policy's hash would refuse.
    assert response["X-Page-Cache"] == "miss"
    assert "<style>.site-header { color: red; }</style>" in response.content.decode()
    digest = base64.b64encode(hashlib.sha256(b".site-header { color: red; }").digest()).decode()
    assert f"'sha256-{digest}'" in response["Content-Security-Policy"]


def test_cached_page_sets_no_cookie(client, news):
    client.get(url("news_list"))
    hit = client.get(url("news_list"))

    assert hit["X-Page-Cache"] == "hit"
    assert not hit.cookies
    assert "Set-Cookie" not in hit


def test_each_language_is_cached_on_its_own(client, news):
    client.get(url("news_list", "kk"))
    russian = client.get(url("news_list", "ru"))

    assert russian["X-Page-Cache"] == "miss"
    assert "Первая новость" in russian.content.decode()
    assert "Бірінші жаңалық" not in russian.content.decode()


def test_published_item_appears_at_once(client, news):
    client.get(url("news_list"))
    make_news_item(title_kk="Жаңа жаңалық")

    response = client.get(url("news_list"))

    assert response["X-Page-Cache"] == "miss"
    assert "Жаңа жаңалық" in response.content.decode()


def test_changed_item_shows_its_new_title(client, news):
    client.get(news.get_absolute_url())
    news.title_kk = "Түзетілген тақырып"
    news.save()

    assert "Түзетілген тақырып" in client.get(url("news_list")).content.decode()


def test_deleted_item_disappears_at_once(client, news):
    client.get(url("news_list"))
    news.delete()

    assert "Бірінші жаңалық" not in client.get(url("news_list")).content.decode()


def test_topic_link_invalidates_cached_pages(client, news):
    client.get(url("news_list"))
    topic = make_topic(name_kk="Мәдениет")
    client.get(url("news_list"))
    news.topics.add(topic)

    assert client.get(url("news_list"))["X-Page-Cache"] == "miss"


def test_unpublishing_removes_item_from_cached_list(client, news):
    client.get(url("news_list"))
    news.status = NewsItem.Status.UNPUBLISHED
    news.save()

    assert "Бірінші жаңалық" not in client.get(url("news_list")).content.decode()


def test_signed_in_editor_is_never_served_or_cached(client, news):
    editor = get_user_model().objects.create_user("editor", password="x" * 20, is_staff=True)
    client.force_login(editor)

    first = client.get(url("news_list"))
    second = client.get(url("news_list"))

    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second


def test_anonymous_reader_never_gets_a_signed_in_page(client, news):
    editor = get_user_model().objects.create_user("editor", password="x" * 20)
    client.force_login(editor)
    client.get(url("news_list"))
    client.logout()
    client.cookies.clear()

    assert client.get(url("news_list"))["X-Page-Cache"] == "miss"


def test_page_cache_can_be_switched_off(client, news, settings):
    settings.CACHE_PAGES = False
    client.get(url("news_list"))

    assert "X-Page-Cache" not in client.get(url("news_list"))


def test_conditional_get_answers_not_modified(client, news):
    first = client.get(url("news_list"))
    again = client.get(url("news_list"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_missing_page_is_not_cached(client, db):
    client.get(url("news_detail", slug="no-such-item"))

    assert client.get(url("news_detail", slug="no-such-item")).status_code == 404


def test_search_page_has_no_csrf_cookie_and_is_cached(client, news):
    client.get(url("search") + "?q=жаңалық")
    hit = client.get(url("search") + "?q=жаңалық")

    assert hit["X-Page-Cache"] == "hit"
    assert "csrftoken" not in hit.cookies


def test_response_that_sets_a_cookie_is_not_cached(db):
    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("tracking", "1")
        return response

    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/kk/"))

    assert "X-Page-Cache" not in middleware(RequestFactory().get("/kk/"))


def test_private_response_is_not_cached(db):
    def view(request):
        response = HttpResponse("mine")
        response["Cache-Control"] = "private"
        return response

    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().get("/kk/"))

    assert "X-Page-Cache" not in middleware(RequestFactory().get("/kk/"))


def test_request_with_session_cookie_skips_the_cache(client, news):
    client.get(url("news_list"))
    client.cookies["sessionid"] = "abc"

    assert "X-Page-Cache" not in client.get(url("news_list"))


def test_post_is_never_cached(db):
    calls = []

    def view(request):
        calls.append(request.method)
        return HttpResponse("ok")

    middleware = PageCacheMiddleware(view)
    middleware(RequestFactory().post("/kk/"))
    middleware(RequestFactory().post("/kk/"))

    assert calls == ["POST", "POST"]


def test_frontend_caches_keep_a_page_no_longer_than_until_the_next_go_live(client, news):
    make_news_item(
        status=NewsItem.Status.SCHEDULED, published_at=timezone.now() + timedelta(seconds=30)
    )

    response = client.get(url("news_list"))

    assert get_max_age(response) == 0  # browsers ask again, with the ETag
    assert 1 <= int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 30


def test_a_scheduled_item_appears_on_cached_pages_when_it_goes_live(client, news, monkeypatch):
    start = timezone.now()
    scheduled = make_news_item(
        title_kk="Кейінге жоспарланған",
        status=NewsItem.Status.SCHEDULED,
        published_at=start + timedelta(hours=1),
    )
    client.get(url("news_list"))
    assert "Кейінге жоспарланған" not in client.get(url("news_list")).content.decode()

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(hours=2))

    assert "Кейінге жоспарланған" in client.get(url("news_list")).content.decode()
    assert client.get(url("news_detail", slug=scheduled.slug_kk)).status_code == 200


def test_timeout_without_scheduled_items_is_the_setting(db, settings):
    settings.PAGE_CACHE_TIMEOUT = 123

    assert page_timeout(HttpResponse("x")) == 123


def test_version_bump_invalidates_every_page(client, news):
    client.get(url("news_list"))
    client.get(url("home"))
    invalidate({EVERYTHING})

    assert client.get(url("news_list"))["X-Page-Cache"] == "miss"
    assert client.get(url("home"))["X-Page-Cache"] == "miss"


def test_pages_are_served_when_redis_is_down(client, news, settings, caplog):
    settings.CACHES = UNREACHABLE_REDIS

    with caplog.at_level(logging.ERROR, logger="assembly.cache"):
        response = client.get(url("news_list"))

    assert response.status_code == 200
    assert "Бірінші жаңалық" in response.content.decode()
    assert "Page cache" in caplog.text


def test_saving_content_while_redis_is_down_does_not_fail(news, settings, caplog):
    settings.CACHES = UNREACHABLE_REDIS

    with caplog.at_level(logging.ERROR, logger="assembly.cache"):
        news.title_kk = "Сақталды"
        news.save()

    assert NewsItem.objects.get(pk=news.pk).title_kk == "Сақталды"


def test_uploaded_image_is_served_by_the_app(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    response = client.get("/media/photo.png")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_uploaded_non_image_is_a_sandboxed_download(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "page.html").write_text("<script>alert(1)</script>")

    response = client.get("/media/page.html")

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert "sandbox" in response["Content-Security-Policy"]


def test_media_outside_the_media_folder_is_refused(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "secret.txt").write_text("no")

    assert client.get("/media/../secret.txt").status_code in (400, 404)
    assert client.get("/media/%2e%2e/secret.txt").status_code in (400, 404)


def test_tracking_parameters_are_served_from_one_cache_entry(client, news):
    first = client.get(url("news_list") + "?utm_source=0")

    again = [client.get(url("news_list") + f"?utm_source={n}&fbclid=x{n}") for n in range(1, 21)]

    assert first["X-Page-Cache"] == "miss"
    assert {response["X-Page-Cache"] for response in again} == {"hit"}
    assert client.get(url("news_list"))["X-Page-Cache"] == "hit"


def test_tracking_parameters_never_reach_the_links_of_a_page(client, news, settings):
    settings.NEWS_PER_PAGE = 1
    make_news_item()

    html = client.get(url("news_list") + "?utm_source=mail&page=1").content.decode()

    assert "?page=2" in html
    assert "utm_source" not in html


def test_parameters_that_change_a_page_are_kept_apart(client, news, settings):
    settings.NEWS_PER_PAGE = 1
    make_news_item(title_kk="Екінші жаңалық")
    client.get(url("news_list"))

    second_page = client.get(url("news_list") + "?page=2&utm_source=x")

    assert second_page["X-Page-Cache"] == "miss"
    assert "Екінші жаңалық" in second_page.content.decode()  # the older one
    assert "Бірінші жаңалық" not in second_page.content.decode()


def test_the_order_of_parameters_makes_no_new_entry(client, news):
    client.get(url("search") + "?q=жаңалық&type=news")

    assert client.get(url("search") + "?type=news&q=жаңалық")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/kk/?page=", "/kk/news/?q=", "/kk/about/?p="])
def test_a_parameter_the_page_does_not_read_makes_no_new_entry(client, news, path):
    client.get(path + "0")

    again = [client.get(f"{path}{n}") for n in range(1, 11)]

    assert {response["X-Page-Cache"] for response in again} == {"hit"}


def test_institution_filters_are_kept_by_the_cache(client, db):
    from assembly.models import Institution
    from tests.factories import make_institution

    make_institution(name_kk="Абай атындағы үй", kind=Institution.Kind.FRIENDSHIP_HOUSE)
    make_institution(name_kk="Шоқан кеңесі", kind=Institution.Kind.COUNCIL)
    client.get(url("institution_list"))

    houses = client.get(url("institution_list") + "?kind=friendship_house&utm_source=x")
    councils = client.get(url("institution_list") + "?kind=council")

    assert "Абай атындағы үй" in houses.content.decode()
    assert "Шоқан кеңесі" not in houses.content.decode()
    assert "Шоқан кеңесі" in councils.content.decode()
    assert "Абай атындағы үй" not in councils.content.decode()


def test_root_redirect_varies_on_the_language_cookie(client, db):
    client.cookies["language"] = "ru"

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/ru/"
    assert "Cookie" in response["Vary"]


# --- Tags: a change shows at the next request, wherever the item is shown -------------------

OLD_TITLES = {"kk": "Ескі тақырып", "ru": "Старый заголовок", "en": "Old headline"}
NEW_TITLES = {"kk": "Жаңа тақырып", "ru": "Новый заголовок", "en": "New headline"}


@pytest.fixture
def shown(db):
    from assembly.models import Region

    region = Region.objects.create(code="test-region", name_kk="Сынақ облысы")
    topic = make_topic(name_kk="Сынақ тақырыбы")
    item = make_news_item(
        region=region,
        **{f"title_{lang}": title for lang, title in OLD_TITLES.items()},
        **{f"lead_{lang}": "Lead" for lang in ("ru", "en")},
        **{f"body_{lang}": "<p>Body</p>" for lang in ("ru", "en")},
    )
    item.topics.add(topic)
    return item, topic, region


def pages_showing(item, topic, region):
    for lang in ("kk", "ru", "en"):
        yield "article", lang, url("news_detail", lang, slug=getattr(item, f"slug_{lang}"))
    yield "home", "kk", url("home")
    yield "news list", "kk", url("news_list")
    yield "archive", "kk", url("news_year", year=item.published_at.year)
    yield "topic", "kk", url("topic_detail", slug=topic.slug_kk)
    yield "region", "kk", url("region_detail", code=region.code)
    yield "feed", "kk", url("news_feed_rss")
    yield "search", "kk", url("search") + "?" + urlencode({"q": "тақырып"})


@pytest.mark.parametrize("page", range(10))
def test_a_saved_item_changes_on_every_page_that_shows_it_at_the_next_request(client, shown, page):
    item, topic, region = shown
    name, lang, address = list(pages_showing(*shown))[page]
    # Search marks the words it found: it is read by the title's other word.
    old, new = (
        (OLD_TITLES[lang].split()[0], NEW_TITLES[lang].split()[0])
        if name == "search"
        else (OLD_TITLES[lang], NEW_TITLES[lang])
    )
    client.get(address)
    cached = client.get(address)
    assert cached["X-Page-Cache"] == "hit"
    assert old in cached.content.decode()

    for code, title in NEW_TITLES.items():
        setattr(item, f"title_{code}", title)
    item.save()

    again = client.get(address).content.decode()
    assert new in again
    assert old not in again


def test_an_unpublished_item_leaves_the_sitemap_at_the_next_request(client, shown):
    item, _topic, _region = shown
    client.get("/sitemap-news.xml")
    assert item.slug_kk in client.get("/sitemap-news.xml").content.decode()

    item.status = NewsItem.Status.UNPUBLISHED
    item.save()

    assert item.slug_kk not in client.get("/sitemap-news.xml").content.decode()


def test_saving_an_item_leaves_an_unrelated_article_cached(client, shown, news):
    item, _topic, _region = shown
    unrelated = url("news_detail", slug=news.slug_kk)
    client.get(unrelated)

    item.title_kk = "Басқа тақырып"
    item.save()

    assert client.get(unrelated)["X-Page-Cache"] == "hit"


def test_renaming_a_topic_changes_the_articles_that_mention_it(client, shown):
    item, topic, _region = shown
    address = url("news_detail", slug=item.slug_kk)
    client.get(address)

    topic.name_kk = "Қайта аталған тақырып"
    topic.save()

    assert "Қайта аталған тақырып" in client.get(address).content.decode()


def test_cached_pages_name_their_tags_for_frontend_caches(client, shown):
    item, topic, _region = shown
    article = client.get(url("news_detail", slug=item.slug_kk))
    listing = client.get(url("news_list"))

    assert {f"newsitem:{item.pk}", f"topic:{topic.pk}"} <= set(article["xkey"].split())
    assert "newsitem" not in article["xkey"].split()  # other news saved leave it cached
    assert "newsitem" in listing["Surrogate-Key"].split()
    assert "newsitem" in listing["Cache-Tag"].split(",")
    assert "s-maxage=" in article["Cache-Control"] and "public" in article["Cache-Control"]
