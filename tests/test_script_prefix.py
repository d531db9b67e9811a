"""A prefix for every link (the WSGI SCRIPT_NAME) comes from the deployment, never a request.

Two ends: gunicorn takes no SCRIPT_NAME header and Django takes no prefix from the environ
(FORCE_SCRIPT_NAME); and where a prefix does reach a page, every cache keeps it apart.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from django.core.handlers.wsgi import get_script_name
from django.test import Client
from django.test.client import ClientHandler
from django.urls import set_script_prefix
from django.utils import translation

from assembly.models import NewsItem
from assembly.templatetags import page_parts
from tests.pages import fast_images  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


class WSGIClientHandler(ClientHandler):
    """The test client's handler, taking the script prefix from the environ as WSGIHandler does."""

    def __call__(self, environ):
        set_script_prefix(get_script_name(environ))
        return super().__call__(environ)


@pytest.fixture
def wsgi_client():
    client = Client()
    client.handler = WSGIClientHandler()
    yield client
    set_script_prefix("/")


@pytest.fixture
def article(seeded):
    return NewsItem.objects.get(seed_key="kazinform-2025-12-19")


def article_url(lang, item):
    with translation.override(lang):
        return item.get_absolute_url()


def hrefs_under(html, prefix):
    return html.count(f'href="{prefix}/')


@pytest.mark.usefixtures("fast_images")
def test_script_name_sent_by_a_client_leaves_links_and_cache_clean(wsgi_client, article):
    client = wsgi_client
    url = article_url("ru", article)

    poisoned = client.get(url, SCRIPT_NAME="/x").content.decode()
    after = client.get(url)

    assert hrefs_under(poisoned, "/x") == 0
    assert 'href="/ru/news/' in poisoned
    assert hrefs_under(after.content.decode(), "/x") == 0
    assert after["X-Page-Cache"] == "hit"  # one entry for both: the header changed nothing


@pytest.mark.usefixtures("fast_images")
def test_article_fragment_is_kept_apart_per_script_prefix(wsgi_client, article, settings):
    client = wsgi_client
    # A deployment that does take the prefix from a trusted proxy: each prefix, its own links.
    settings.FORCE_SCRIPT_NAME = None
    settings.CACHE_PAGES = False
    url = article_url("ru", article)

    under_x = client.get(url, SCRIPT_NAME="/x").content.decode()
    at_root = client.get(url).content.decode()

    assert hrefs_under(under_x, "/x/ru") > 10
    assert hrefs_under(at_root, "/x") == 0
    assert 'href="/ru/institutions/' in at_root


def test_menus_remembered_per_process_do_not_grow_with_prefixes(db, settings):
    settings.DEBUG = False
    with translation.override("kk"):
        page_parts.language_include("includes/main_nav.html")  # templates loaded once
        tracemalloc.start()
        try:
            for number in range(1000):
                set_script_prefix(f"/p{number}/")
                page_parts.language_include("includes/main_nav.html")
            grown, _peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            set_script_prefix("/")

    # A thousand kept renderings of the menu would take megabytes.
    assert grown < 500_000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn_echo():
    """gunicorn with the project's config, serving an app that echoes its SCRIPT_NAME."""
    port = free_port()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "config/gunicorn.py",
            "tests.wsgi_echo:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start: " + server.stderr.read().decode())
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_gunicorn_ignores_a_script_name_header_from_loopback(gunicorn_echo):
    connection = http.client.HTTPConnection("127.0.0.1", gunicorn_echo, timeout=10)
    connection.request("GET", "/x/kk/", headers={"SCRIPT_NAME": "/x"})
    response = connection.getresponse()

    assert response.status == 200
    assert response.read().decode() == "SCRIPT_NAME='' PATH_INFO='/x/kk/'"
