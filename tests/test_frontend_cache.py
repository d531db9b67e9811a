"""Varnish (config/varnish.vcl) in front of gunicorn: read pages are hits, an editor's save
purges what shows the item at once, and no cached answer carries a cookie.

Runs when varnishd and the xkey vmod are installed (.ci/run installs them); skipped with the
reason otherwise.
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_multi_server import (
    PASSWORD,
    SECOND_STEP_CODE,
    Browser,
    form_values,
    free_port,
    log_in,
    wait_until_up,
)

pytestmark = pytest.mark.multiserver

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
XKEY = "/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so"


def varnish_missing():
    if not shutil.which("varnishd"):
        return "varnishd is not installed (Debian package varnish)"
    if not Path(XKEY).exists():
        return "the xkey vmod is not installed (Debian package varnish-modules)"
    return None


def start(command, log_path, **kwargs):
    return subprocess.Popen(
        command,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        **kwargs,
    )


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    reason = varnish_missing()
    if reason:
        print(f"frontend cache test skipped: {reason}")
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("varnish")
    app_port, cache_port = free_port(), free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "REDIS_URL": "",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "LOG_LEVEL": "WARNING",
        "PORT": str(app_port),
        "FRONTEND_CACHES": f"http://127.0.0.1:{cache_port}/",
    }

    def manage(*args):
        subprocess.run([VENV / "python", "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; from tests.factories import "
        "make_news_item; "
        f"get_user_model().objects.create_superuser('chief', '', {PASSWORD!r}); "
        "make_news_item(title_kk='Оқылатын мақала', slug_kk='oqylatyn'); "
        "make_news_item(title_kk='Басқа мақала', slug_kk='basqa')",
    )
    manage("addstatictoken", "--token", SECOND_STEP_CODE, "chief")
    vcl = (ROOT / "config" / "varnish.vcl").read_text().replace('"8000"', f'"{app_port}"')
    (workdir / "site.vcl").write_text(vcl)
    app = start(
        [VENV / "gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"],
        workdir / "gunicorn.log",
        cwd=ROOT,
        env=env,
    )
    cache = start(
        ["varnishd", "-F", "-j", "none", "-n", str(workdir / "varnish"), "-s", "malloc,32m"]
        + ["-a", f"127.0.0.1:{cache_port}", "-f", str(workdir / "site.vcl")],
        workdir / "varnish.log",
    )
    try:
        wait_until_up(f"http://127.0.0.1:{app_port}", app, workdir / "gunicorn.log")
        base = f"http://127.0.0.1:{cache_port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).close()
                break
            except OSError:
                assert cache.poll() is None, (workdir / "varnish.log").read_text()[-3000:]
                time.sleep(0.2)
        yield base
    finally:
        stop(cache)
        stop(app)


def read_twice(reader, path):
    first = reader.request(path)
    second = reader.request(path)
    return first, second


def test_varnish_serves_read_pages_and_an_editors_save_shows_at_once(site):
    reader = Browser(site)
    answers = {}
    for path in ("/kk/news/oqylatyn/", "/kk/news/", "/kk/news/basqa/"):
        _first, (status, headers, html) = read_twice(reader, path)
        assert status == 200
        assert headers["X-Frontend-Cache"] == "hit", path
        answers[path] = html
    assert "Оқылатын мақала" in answers["/kk/news/"]

    editor = Browser(site)
    log_in(editor)
    _status, _headers, listing = editor.request("/admin/assembly/newsitem/")
    change = re.search(r'href="(/admin/assembly/newsitem/\d+/change/)[^"]*"[^>]*>Оқылатын', listing)
    _status, _headers, form = editor.request(change.group(1))
    status, _headers, body = editor.request(
        change.group(1),
        form_values(form, "newsitem_form", title_kk="Өзгерген мақала", _save="Save"),
    )
    assert status == 302, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', body, re.S)[:5]

    status, headers, html = reader.request("/kk/news/oqylatyn/")
    assert "Өзгерген мақала" in html and "Оқылатын мақала" not in html
    assert "Өзгерген мақала" in reader.request("/kk/news/")[2]
    assert reader.request("/kk/news/basqa/")[1]["X-Frontend-Cache"] == "hit"


def test_no_cached_answer_carries_a_cookie(site):
    reader = Browser(site)
    hits = []
    for path in ("/kk/", "/ru/news/", "/kk/news/basqa/", "/en/search/?q=news"):
        for _status, headers, _html in read_twice(reader, path):
            if headers.get("X-Frontend-Cache") == "hit":
                hits.append(path)
                assert "Set-Cookie" not in headers, path
    assert "/kk/news/basqa/" in hits
