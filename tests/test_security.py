import base64
import hashlib
import io
import json
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from assembly.models import NewsItem
from assembly.operations.log_format import JsonFormatter, RequestIdFilter
from tests.factories import make_news_item

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The production hasher takes about a second a try; these tests try dozens of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def production_env(**extra):
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(50)[:50],
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The browser tests' Playwright fixture sets this for the whole session; deploy never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def test_deploy_check_passes_with_https_and_a_real_secret():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture(scope="module")
def https_settings():
    code = (
        "import json, django; from django.conf import settings as s; django.setup(); "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'LANGUAGE_COOKIE_SECURE')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**production_env(), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_turns_on_hsts_for_at_least_a_year(https_settings):
    assert https_settings["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60


def test_https_makes_session_and_csrf_cookies_secure_and_httponly(https_settings):
    for name in ("SESSION_COOKIE", "CSRF_COOKIE"):
        assert https_settings[f"{name}_SECURE"] is True
        assert https_settings[f"{name}_HTTPONLY"] is True


@pytest.mark.django_db
def test_hsts_header_sent_over_https(client):
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = client.get("/kk/", secure=True)
    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]


@pytest.mark.django_db
def test_public_page_sends_strict_content_security_policy(client):
    response = client.get("/kk/")
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.django_db
def test_public_page_sends_browser_protection_headers(client):
    response = client.get("/kk/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_admin_allows_inline_styles_for_the_editor_but_never_inline_scripts(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert "'unsafe-inline'" in directives["style-src"]
    # Beside a hash, a browser ignores 'unsafe-inline': the site's stylesheet hash stays out.
    assert "sha256-" not in directives["style-src"]
    assert directives["script-src"] == "'self'"


INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


def assert_no_inline_code(html, url):
    for attributes, body in INLINE_SCRIPT.findall(html):
        if "src=" in attributes or not body.strip():
            continue
        # Data blocks (JSON, JSON-LD, import maps) are not run as scripts.
        assert re.search(r'type="(application/(ld\+)?json|importmap)"', attributes), (url, body)
    assert not re.search(r"\son[a-z]+=", html), url


INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL)


def policy_directives(response):
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_public_pages_have_no_inline_script_or_style(client, seeded, settings, lang):
    settings.CACHE_PAGES = False
    item = NewsItem.objects.published().first()
    with translation.override(lang):
        urls = [
            reverse("assembly:home"),
            reverse("assembly:news_list"),
            item.get_absolute_url(),
            reverse("assembly:institution_list"),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_no_inline_code(html, url)
        assert " style=" not in html, url
        # The one <style> is the site's stylesheet (assembly/stylesheet.py), and the policy
        # allows that exact text by its hash, nothing else inline.
        styles = INLINE_STYLE.findall(html)
        assert len(styles) == 1 and ".site-header" in styles[0], url
        digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
        assert policy_directives(response)["style-src"] == f"'self' 'sha256-{digest}'", url


@pytest.mark.django_db
def test_admin_pages_run_no_inline_script(admin_client):
    item = make_news_item()
    for url in (
        reverse("admin:index"),
        reverse("admin:assembly_newsitem_changelist"),
        reverse("admin:assembly_newsitem_change", args=[item.pk]),
        reverse("admin:assembly_newsitem_add"),
    ):
        assert_no_inline_code(admin_client.get(url).content.decode(), url)


@pytest.mark.django_db
def test_admin_editor_import_map_is_allowed_by_its_hash_only(admin_client):
    html_response = admin_client.get(reverse("admin:assembly_newsitem_add"))
    html = html_response.content.decode()
    maps = re.findall(r'<script type="importmap"[^>]*>(.*?)</script>', html, re.DOTALL)
    if not maps:
        pytest.skip("the news form has no import map (no rich-text editor)")
    script_src = next(
        part
        for part in html_response["Content-Security-Policy"].split(";")
        if part.strip().startswith("script-src")
    )
    digest = base64.b64encode(hashlib.sha256(maps[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in script_src
    assert "unsafe-inline" not in script_src


def test_uploaded_html_is_downloaded_in_a_sandbox(client, settings):
    (Path(settings.MEDIA_ROOT) / "evil.html").write_text("<script>alert(1)</script>")
    response = client.get(f"{settings.MEDIA_URL}evil.html")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "attachment"


def test_media_headers_lock_down_every_upload(rf, settings):
    from django.http import HttpResponse

    from assembly.middleware import SecurityHeadersMiddleware

    def serve(content_type):
        return SecurityHeadersMiddleware(lambda request: HttpResponse(content_type=content_type))

    image = serve("image/jpeg")(rf.get(f"{settings.MEDIA_URL}news/a.jpg"))
    assert image["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" not in image

    for content_type in ("text/html", "image/svg+xml", "application/pdf"):
        other = serve(content_type)(rf.get(f"{settings.MEDIA_URL}news/a.bin"))
        assert other["Content-Disposition"] == "attachment"
        assert other["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_nginx_media_block_sends_the_apps_media_headers(client, settings):
    (Path(settings.MEDIA_ROOT) / "evil.html").write_text("<script>alert(1)</script>")
    app = client.get(f"{settings.MEDIA_URL}evil.html")
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    block = re.search(r"location /media/ \{(.*?)\n    \}", deploy, re.S).group(1)
    for header in ("X-Content-Type-Options", "Content-Security-Policy"):
        assert re.search(rf'add_header {header} "?{re.escape(app[header])}"? always;', block)
    assert "add_header Content-Disposition $media_disposition;" in block
    disposition = re.search(r"map \$uri \$media_disposition \{(.*?)\n\}", deploy, re.S).group(1)
    assert f"default {app['Content-Disposition']};" in disposition
    for extension in ("jpe?g", "png", "webp"):
        assert extension in disposition


@pytest.mark.parametrize(
    "name", ["a.jpg", "a.jpeg", "a.png", "a.gif", "a.webp", "a.avif", "a.svg", "a.html", "a.pdf"]
)
def test_nginx_and_the_app_download_the_same_uploads(client, settings, name):
    # One list of inline types (assembly/media.py); the nginx map must agree with it file by file.
    (Path(settings.MEDIA_ROOT) / name).write_bytes(b"\x00" * 16)
    app = client.get(f"{settings.MEDIA_URL}{name}")
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    disposition = re.search(r"map \$uri \$media_disposition \{(.*?)\n\}", deploy, re.S).group(1)
    inline = re.search(r'~\*(\S+) "";', disposition).group(1)
    assert app.status_code == 200
    downloaded = app["Content-Disposition"] == "attachment"
    assert downloaded == (not re.search(inline, f"/media/{name}", re.I))


# --- Sign-in throttling -------------------------------------------------------


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def fail_sign_in(client, times, **headers):
    response = None
    for _ in range(times):
        response = client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            **headers,
        )
    return response


def test_sign_in_fails_normally_below_the_limit(client, editor):
    response = fail_sign_in(client, 9)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_sign_in_locks_after_ten_failures(client, editor):
    response = fail_sign_in(client, 10)
    assert response.status_code == 429
    # The right password no longer helps while the lock holds.
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_lock_message_is_in_the_editors_language(client, editor, lang):
    response = fail_sign_in(client, 10, HTTP_ACCEPT_LANGUAGE=lang)
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    with translation.override(lang):
        assert str(translation.gettext("Too many failed sign-in attempts.")) in html


def test_lock_ends_when_an_administrator_resets_it(client, editor):
    fail_sign_in(client, 10)
    assert AccessAttempt.objects.exists()
    call_command("axes_reset", verbosity=0)
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_lock_ends_by_itself_after_the_cool_off(client, editor, settings):
    fail_sign_in(client, 10)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time.replace(year=2000)
    )
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302


def test_lock_of_one_address_does_not_lock_the_editor_elsewhere(client, editor):
    fail_sign_in(client, 10, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302


# --- Logging -----------------------------------------------------------------


@pytest.fixture
def json_log():
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield buffer
    root.removeHandler(handler)
    root.setLevel(previous_level)


def log_entries(buffer):
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_every_response_carries_a_generated_request_id(client):
    first = client.get("/kk/")["X-Request-ID"]
    second = client.get("/kk/")["X-Request-ID"]
    assert len(first) >= 16
    assert first != second


@pytest.mark.django_db
def test_a_well_formed_request_id_from_the_proxy_is_kept(client):
    response = client.get("/kk/", HTTP_X_REQUEST_ID="3f2a9c0e-proxy-id-0001")
    assert response["X-Request-ID"] == "3f2a9c0e-proxy-id-0001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hostile", ["x", "a b c d e f g h", "id\nlevel=ERROR", "é" * 20, "a" * 500]
)
def test_a_malformed_request_id_is_replaced(client, hostile):
    response = client.get("/kk/", HTTP_X_REQUEST_ID=hostile)
    assert response["X-Request-ID"] != hostile


@pytest.mark.django_db
def test_log_lines_are_json_with_the_request_id(client, json_log):
    response = client.get("/kk/no-such-page/")
    entries = log_entries(json_log)
    assert entries
    request_id = response["X-Request-ID"]
    assert {entry["request_id"] for entry in entries} == {request_id}, entries
    access = [entry for entry in entries if entry["logger"] == "assembly.access"]
    assert access[0]["status"] == 404
    assert access[0]["path"] == "/kk/no-such-page/"


def test_log_lines_hold_no_password_cookie_username_or_login_query(client, editor, json_log):
    client.cookies["sessionid"] = "session-cookie-value-123"
    client.cookies["csrftoken"] = "csrf-cookie-value-456"
    client.get("/admin/login/?next=/admin/private-query-789/")
    for _ in range(11):
        client.post(
            "/admin/login/?next=/admin/private-query-789/",
            {"username": "editor", "password": "hunter2-typed-password"},
            HTTP_USER_AGENT="agent-with-name-of-person",
            REMOTE_ADDR="203.0.113.77",
        )
    text = json_log.getvalue()
    assert "AXES" in text  # the failures are logged...
    for secret in (
        "hunter2-typed-password",
        "session-cookie-value-123",
        "csrf-cookie-value-456",
        "private-query-789",
        "agent-with-name-of-person",
        "203.0.113.77",
        "'editor'",
        "username",
    ):
        assert secret not in text  # ...but nothing that names or unlocks anyone


def test_secrets_in_a_message_are_redacted():
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "login password=abc123 sessionid=zzz", None, None
    )
    line = json.loads(JsonFormatter().format(record))
    assert "abc123" not in line["message"]
    assert "zzz" not in line["message"]


def test_forged_forwarded_for_does_not_dodge_the_lock_without_a_proxy(client, editor):
    for number in range(10):
        client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429


def test_behind_the_https_proxy_the_lock_follows_the_real_client(client, editor, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    fail_sign_in(client, 10, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    locked = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **proxy,
    )
    assert locked.status_code == 429
    # A client cannot pick its address: only the entry the proxy appended counts.
    elsewhere = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        **proxy,
    )
    assert elsewhere.status_code == 302


def test_forwarded_for_from_a_peer_that_is_no_proxy_does_not_dodge_the_lock(
    client, editor, settings
):
    # HTTPS=1, and gunicorn reached without the proxy: every guess names a new address.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    statuses = [
        client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_PROTO="https",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        ).status_code
        for number in range(12)
    ]
    assert statuses[:9] == [200] * 9
    assert statuses[9:] == [429] * 3


def test_behind_a_chain_of_trusted_proxies_the_lock_follows_the_client(client, editor, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    via = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9, 10.0.0.5"}
    fail_sign_in(client, 10, **via)
    assert fail_sign_in(client, 1, **via).status_code == 429
    other = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7, 10.0.0.5"}
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": PASSWORD}, **other
    )
    assert response.status_code == 302


def test_trusted_proxies_must_be_addresses():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={
            **production_env(TRUSTED_PROXIES="nginx.internal"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def test_unsafe_next_after_admin_sign_in_goes_to_the_admin_index(client, editor):
    response = client.post(
        reverse("admin:login") + "?next=https://evil.example/",
        {"username": "editor", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    # The admin index, or a step of the admin's sign-in that leads there.
    assert response["Location"].startswith(reverse("admin:index"))
    assert "evil.example" not in response["Location"]
    assert client.get(response["Location"], follow=True).status_code == 200


@pytest.mark.django_db
def test_language_cookie_is_same_site_lax(client):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/ru/"})
    cookie = response.cookies["language"]
    assert cookie.value == "ru"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]


@pytest.mark.parametrize(
    "secret_key",
    ["a" * 50, "abcdefghi" * 6],
    ids=["one-character", "nine-characters"],
)
def test_secret_key_with_fewer_than_ten_distinct_characters_is_refused(secret_key):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**production_env(SECRET_KEY=secret_key), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
