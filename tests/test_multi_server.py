"""Two app servers sharing PostgreSQL and Redis: a page published on one is live on the other.

Runs when PostgreSQL and Redis answer on 127.0.0.1 (MULTISERVER_DATABASE_URL and
MULTISERVER_REDIS_URL override them); skipped with the reason otherwise.
"""

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import timezone

pytestmark = pytest.mark.multiserver

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
DATABASE_URL = os.environ.get(
    "MULTISERVER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perf_multiserver"
)
REDIS_URL = os.environ.get("MULTISERVER_REDIS_URL", "redis://127.0.0.1:6379/0")
PASSWORD = secrets.token_urlsafe(16)
TITLE = f"Екі сервердің жаңалығы {secrets.token_hex(3)}"


def services_missing():
    try:
        import psycopg

        admin = urllib.parse.urlparse(DATABASE_URL)._replace(path="/postgres").geturl()
        psycopg.connect(admin, connect_timeout=2).close()
    except Exception as error:
        return f"PostgreSQL not reachable ({error.__class__.__name__})"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:
        return f"Redis not reachable ({error.__class__.__name__})"
    return None


def recreate_database():
    import psycopg

    parts = urllib.parse.urlparse(DATABASE_URL)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base, process, log_path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"gunicorn did not answer:\n{log_path.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    reason = services_missing()
    if reason:
        print(f"multi-server test skipped: {reason}")
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("multiserver")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        # Our own key space in the shared Redis; other runs keep theirs.
        "CACHE_KEY_PREFIX": f"multiserver-{secrets.token_hex(4)}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "LOG_LEVEL": "WARNING",
    }
    recreate_database()

    def manage(*args):
        subprocess.run([VENV / "python", "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser('chief', '', {PASSWORD!r})",
    )
    # The admin's second step: django-otp's static code, as a script signs in.
    manage("addstatictoken", "--token", SECOND_STEP_CODE, "chief")
    processes, bases = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            log_path = workdir / f"gunicorn-{name}.log"
            process = subprocess.Popen(
                [VENV / "gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"],
                cwd=ROOT,
                env={**env, "PORT": str(port)},
                stdout=log_path.open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            processes.append(process)
            bases.append(f"http://127.0.0.1:{port}")
            wait_until_up(bases[-1], process, log_path)
        yield bases
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


class Browser:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Accept-Language": "en"}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormParser(HTMLParser):
    """The values a browser would submit for the form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.fields, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def form_values(html, form_id, **overrides):
    parser = FormParser(form_id)
    parser.feed(html)
    values = [(name, value) for name, value in parser.fields if name not in overrides]
    return values + list(overrides.items())


SECOND_STEP_CODE = "multiserver2fa"


def log_in(browser):
    _status, _headers, html = browser.request("/admin/login/")
    status, headers, _body = browser.request(
        "/admin/login/",
        form_values(html, "login-form", username="chief", password=PASSWORD, next="/admin/"),
    )
    assert status == 302, "admin login failed"
    second_step = headers["Location"]
    _status, _headers, html = browser.request(second_step)
    status, headers, _body = browser.request(
        second_step, form_values(html, "second-step-form", otp_token=SECOND_STEP_CODE)
    )
    assert status == 302, "admin second step failed"


def publish_through_admin(browser):
    _status, _headers, html = browser.request("/admin/assembly/newsitem/add/")
    now = timezone.localtime() - timedelta(minutes=1)
    status, headers, body = browser.request(
        "/admin/assembly/newsitem/add/",
        form_values(
            html,
            "newsitem_form",
            title_kk=TITLE,
            lead_kk="Бір серверде жарияланды, екіншісінде бірден көрінеді.",
            body_kk="<p>Мәтін.</p>",
            status="published",
            published_at_0=now.strftime("%Y-%m-%d"),
            published_at_1=now.strftime("%H:%M:%S"),
            _save="Save",
        ),
    )
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', body, re.S)
    assert status == 302, f"admin did not save: {errors[:5]}"


def test_item_published_on_one_server_is_live_on_the_other(servers):
    server_a, server_b = servers
    reader_b = Browser(server_b)
    reader_b.request("/kk/news/")
    status, headers, html = reader_b.request("/kk/news/")
    assert status == 200
    assert headers["X-Page-Cache"] == "hit"
    assert TITLE not in html

    editor_a = Browser(server_a)
    log_in(editor_a)
    publish_through_admin(editor_a)

    status, headers, html = reader_b.request("/kk/news/")
    assert status == 200
    assert TITLE in html
    assert headers["X-Page-Cache"] == "miss"
    link = re.search(r'href="(/kk/news/[^"/]+/)"[^>]*>\s*' + re.escape(TITLE), html)
    assert link, "no link to the new item on server B"
    assert reader_b.request(link.group(1))[0] == 200
