import os
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"browser tests skipped: {CHROMIUM} is missing (apt-get install -y chromium)"
        print(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
    # around it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, answering one request at a time, and only during a test.

    On SQLite the test database lives in memory, and every server thread shares its one
    connection. Chromium sends requests in parallel (the passkey script, the presence beacon),
    and two requests in one connection's transaction at once fail at random: "database table
    is locked", or "on_commit() cannot be used in manual transaction management".

    A closed page may still send its presence beacon after the test has ended. Between tests
    the server answers 503 without running Django: such a request would otherwise meet an
    emptied database or the settings being switched back (a static files storage built in
    that moment outlives the switch, and the next test's pages fail with "Missing staticfiles
    manifest entry").
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from pytest_django.live_server_helper import LiveServer

    class Gate:
        lock = threading.Lock()
        open = False

    class OnlyDuringATest(StaticFilesHandler):
        def __call__(self, environ, start_response):
            with Gate.lock:
                if not Gate.open:
                    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                    return [b"between tests"]
                return super().__call__(environ, start_response)

    server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"), start=False)
    server.thread.static_handler = OnlyDuringATest
    server.gate = Gate
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server with the seed article and its records, open for this test only."""
    from importlib import import_module

    from django.apps import apps

    from assembly.seeding import load_seed_content

    # A transactional test empties every table, the regions of the data migration too.
    import_module("assembly.migrations.0001_squashed_0013_search_word_languages").load_regions(
        apps, None
    )
    load_seed_content()
    gate = live_server.gate
    with gate.lock:
        gate.open = True
    yield live_server
    # The test's pages are closed by now (new_page ends first). A request in flight is
    # answered before the gate closes; anything later is refused, not run.
    with gate.lock:
        gate.open = False


def serve_media(route, request):
    from urllib.parse import unquote, urlsplit

    from django.conf import settings

    relative = unquote(urlsplit(request.url).path).removeprefix(settings.MEDIA_URL)
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if not path.is_file() or Path(settings.MEDIA_ROOT).resolve() not in path.parents:
        route.fulfill(status=404, body="")
        return
    types = {".webp": "image/webp", ".jpg": "image/jpeg", ".png": "image/png"}
    route.fulfill(status=200, body=path.read_bytes(), content_type=types.get(path.suffix, ""))


@pytest.fixture
def new_page(browser, site):
    """Opens pages in a fresh context; the live server serves no media, so the tests do."""
    contexts = []

    def open_page(**options):
        # axe is injected as an inline script, which a strict CSP would refuse.
        context = browser.new_context(bypass_csp=True, **options)
        context.route("**/media/**", serve_media)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
