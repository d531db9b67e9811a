import re
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EVIL_TARGETS = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The production hasher takes about a second a try; these tests try dozens of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.CACHE_PAGES = False


def assert_refused_or_fine(response, url):
    assert response.status_code < 500, f"{url} answered {response.status_code}"


def public_list_urls():
    """Routes without parameters in the reader-facing URLconf, as it exists when tests run."""
    urls = []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace is None:
            for include in pattern.url_patterns:
                if isinstance(include, URLResolver) and include.namespace == "assembly":
                    urls.extend(
                        f"/kk/{entry.pattern}"
                        for entry in include.url_patterns
                        if isinstance(entry, URLPattern) and not entry.pattern.converters
                    )
    return urls


# --- Language prefixes and headers ----------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/xx/news/",
        "/kz/",
        "/KK/",
        "/kk-KZ/news/",
        "/zh-hant-tw/",
        "/" + "k" * 300 + "/",
        "/" + "k" * 5000 + "/",
        "/" + "kk/" * 500,
    ],
)
def test_invalid_or_oversized_language_prefix_is_refused(client, url):
    response = client.get(url)
    assert 300 <= response.status_code < 500


@pytest.mark.parametrize("url", ["/", "/kk/", "/admin/login/", "/healthz"])
def test_10kb_accept_language_header_is_harmless(client, url):
    header = ",".join(f"x{i:04d};q=0.{i % 10}" for i in range(1100))[:10240]
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=header)
    assert_refused_or_fine(response, url)


def test_garbage_accept_language_falls_back_to_kazakh(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="\x7f;;;q=abc,*;q=-1, ,=")
    assert response.status_code == 302
    assert response["Location"].startswith("/kk/")


# --- Pagination, archives, filters ---------------------------------------------


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", str(10**20), "", "9" * 400, "last"])
def test_bad_page_number_is_404_not_500(client, page):
    response = client.get("/kk/news/", {"page": page})
    assert response.status_code in (200, 404)


@pytest.mark.parametrize(
    "url",
    [
        "/kk/news/2025/13/",
        "/kk/news/2025/0/",
        "/kk/news/99999/",
        "/kk/news/0/",
        "/kk/news/99999/12/",
        "/ru/news/2025/99999999999999999999/",
        "/en/news/" + "9" * 40 + "/",
        "/kk/news/-1/",
    ],
)
def test_bad_archive_dates_are_404_not_500(client, url):
    response = client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nope", "level": "'; DROP TABLE x; --", "region": "999999"},
        {"region": "<script>"},
        {"order": "-password", "sort": "__class__", "ordering": "id,,"},
        {"kind": ["a", "b", "c"], "page": ["1", "2"]},
        {"unknown": "x" * 1000},
    ],
)
def test_unknown_filter_and_order_parameters_are_ignored(client, query):
    for url in public_list_urls():
        response = client.get(url, query)
        assert response.status_code in (200, 302, 404), url


def test_huge_query_string_is_refused(client):
    response = client.get("/kk/news/?q=" + "a" * 100_000)
    assert response.status_code == 414


def test_documented_query_string_limit_is_the_one_enforced(client, db):
    docs = (Path(__file__).resolve().parent.parent / "docs/security-and-operations.md").read_text()
    limit = int(re.search(r"query string over (\d+) KB", docs).group(1)) * 1024

    assert client.get("/kk/news/?q=" + "a" * (limit - len("q="))).status_code == 200
    assert client.get("/kk/news/?q=" + "a" * (limit - len("q=") + 1)).status_code == 414


def test_thousands_of_query_parameters_are_refused(client):
    response = client.get("/kk/news/?" + "&".join(f"p{i}=" for i in range(3000)))
    assert 400 <= response.status_code < 500


# --- Encodings and methods ----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/kk/news/%00/",
        "/kk/%00",
        "/kk/news/?page=%00",
        "/kk/search/?q=abc%00def",
        "/kk/institutions/?kind=%00",
        "/kk/news/?%00=1",
    ],
)
def test_nul_bytes_are_refused_with_400(client, url):
    assert client.get(url).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/kk/news/%E0%A4%A/",
        "/kk/news/%ZZ/",
        "/kk/news/%/",
        "/kk/news/%ED%A0%80/",
        "/kk/news/%C0%AF/",
        "/kk/news/?page=%E0%A4",
        "/kk/search/?q=%ED%A0%80",
        "/kk/search/?q=%FF%FE",
        "/%E2%80%AE/",
    ],
)
def test_malformed_percent_encoding_is_not_a_server_error(client, url):
    response = client.get(url)
    assert 200 <= response.status_code < 500


@pytest.mark.parametrize("method", ["PROPFIND", "TRACE", "TRACK", "MKCOL", "CONNECT", "FOO"])
@pytest.mark.parametrize("url", ["/kk/", "/kk/news/", "/healthz", "/admin/login/"])
def test_unknown_http_methods_are_refused(client, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_post_to_a_public_page_is_refused(client):
    assert client.post("/kk/news/", {"a": "b"}).status_code == 405


# --- Hostile next= -------------------------------------------------------------


@pytest.mark.parametrize("target", EVIL_TARGETS)
def test_admin_login_never_redirects_off_site(client, target):
    password = "correct-horse-battery-staple-42"
    get_user_model().objects.create_user("ed", password=password, is_staff=True)
    assert client.get("/admin/login/", {"next": target}).status_code == 200
    response = client.post(
        "/admin/login/?" + urlencode({"next": target}),
        {"username": "ed", "password": password, "next": target},
    )
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.netloc in ("", "testserver")
    assert location.scheme in ("", "http", "https")
    assert "evil" not in response["Location"]


@pytest.mark.parametrize("target", EVIL_TARGETS)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": target})
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert not response["Location"].startswith(("//", "javascript:", "http"))


def test_language_switch_refuses_an_unknown_language(client):
    response = client.post("/i18n/setlang/", {"language": "x" * 5000, "next": "/kk/"})
    assert response.status_code == 302
    assert "language" not in response.cookies or response.cookies["language"].value in (
        "",
        "kk",
        "ru",
        "en",
    )


# --- Property-based fuzzing -------------------------------------------------------

PARAM_NAMES = st.sampled_from(
    ["page", "q", "kind", "level", "region", "topic", "order", "sort", "year", "month", "lang"]
) | st.text(min_size=1, max_size=8)
PARAM_VALUES = st.text(max_size=24) | st.integers(min_value=-(10**30), max_value=10**30).map(str)


@pytest.fixture
def published_item(db):
    from tests.factories import make_news_item

    return make_news_item(title_ru="Новость", lead_ru="Кратко", body_ru="<p>Текст</p>")


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lang=st.sampled_from(["kk", "ru", "en"]),
    index=st.integers(min_value=0, max_value=50),
    params=st.dictionaries(PARAM_NAMES, PARAM_VALUES, max_size=4),
)
def test_fuzzed_query_parameters_never_cause_a_server_error(
    client, published_item, lang, index, params
):
    urls = [url.replace("/kk/", f"/{lang}/", 1) for url in public_list_urls()]
    urls.append(published_item.get_absolute_url())
    url = urls[index % len(urls)]
    response = client.get(url, params)
    assert_refused_or_fine(response, f"{url}?{urlencode(params)}")


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(segment=st.text(min_size=1, max_size=30))
def test_fuzzed_path_segments_never_cause_a_server_error(client, segment):
    from urllib.parse import quote

    for prefix in ("/kk/news/", "/ru/topics/", "/en/institutions/", "/kk/regions/", "/"):
        url = prefix + quote(segment, safe="") + "/"
        response = client.get(url)
        assert_refused_or_fine(response, url)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(header=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80))
def test_fuzzed_accept_language_always_lands_on_a_language(client, header):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"][:4] in ("/kk/", "/ru/", "/en/")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_bad_request_page_speaks_the_language_of_the_url(client, lang):
    response = client.get(f"/{lang}/news/?q=a%00b")
    assert response.status_code == 400
    with translation.override(lang):
        heading = gettext("Bad request")
    assert heading in response.content.decode()
    assert f'lang="{lang}"' in response.content.decode()


def test_overlong_address_gets_a_translated_page(client):
    response = client.get("/ru/news/?q=" + "a" * 100_000)
    assert response.status_code == 414
    with translation.override("ru"):
        assert gettext("Bad request") in response.content.decode()
