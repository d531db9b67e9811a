import errno
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.forms import modelform_factory
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.utils import translation
from PIL import Image

import config.urls
from assembly.models import NewsItem
from assembly.operations.errors import server_error
from assembly.storage import SafeFileSystemStorage

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["kk", "ru", "en"]
SAMPLE_KWARGS = {"int": 2025, "slug": "anything", "str": "anything", "path": "anything"}


@contextmanager
def database_down():
    """Every query fails the way a lost PostgreSQL server or SQLite file does."""
    error = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(CursorWrapper, "_execute_with_wrappers", side_effect=error):
        yield


def public_url_names():
    """Every route readers see, as it exists when the tests run."""
    resolver = get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace is None:
            for include in pattern.url_patterns:
                if isinstance(include, URLResolver) and include.namespace == "assembly":
                    names.extend(
                        (f"assembly:{entry.name}", entry.pattern.converters)
                        for entry in include.url_patterns
                        if isinstance(entry, URLPattern) and entry.name
                    )
    return names


def sample_url(name, converters, lang):
    kwargs = {
        key: SAMPLE_KWARGS.get(type(converter).__name__.replace("Converter", "").lower(), 1)
        for key, converter in converters.items()
    }
    if "month" in kwargs:
        kwargs["month"] = 6
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def public_urls():
    names = public_url_names()
    assert len(names) >= 8, "the public URLconf was not found"
    return [sample_url(name, converters, lang) for name, converters in names for lang in LANGUAGES]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # A page already in the cache is rightly served while the database is down; these tests
    # look at what the database-backed path answers.
    settings.CACHE_PAGES = False


@pytest.mark.django_db
def test_every_public_url_answers_503_in_its_language_while_the_database_is_down(client):
    failures = []
    with database_down():
        for url in public_urls():
            lang = url.split("/")[1]
            response = client.get(url)
            html = response.content.decode()
            if (
                response.status_code != 503
                or response.get("Retry-After") is None
                or f'<html lang="{lang}">' not in html
            ):
                failures.append((url, response.status_code))
    assert not failures


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_503_page_shows_the_request_id_and_a_retry_after(client, lang):
    with database_down():
        response = client.get(f"/{lang}/news/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    with translation.override(lang):
        assert translation.gettext("The site is temporarily unavailable") in (
            response.content.decode()
        )
    assert response["X-Request-ID"] in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_503_while_the_database_is_down(client):
    with database_down():
        assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_site_recovers_by_itself_when_the_database_returns(client):
    with database_down():
        assert client.get("/kk/news/").status_code == 503
    assert client.get("/kk/news/").status_code == 200
    assert client.get("/kk/").status_code == 200


def test_database_lost_outside_a_view_still_gives_503():
    request = RequestFactory().get("/ru/news/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert '<html lang="ru">' in response.content.decode()


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("en/broken/", broken_view), *config.urls.urlpatterns]
handler500 = config.urls.handler500


@pytest.mark.urls(__name__)
def test_500_page_renders_without_the_database_and_shows_the_request_id(client):
    client.raise_request_exception = False
    with database_down():
        response = client.get("/en/broken/", HTTP_X_REQUEST_ID="req-12345678")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "req-12345678" in html
    assert response["X-Request-ID"] == "req-12345678"


# --- Cache server down ----------------------------------------------------------


@pytest.mark.django_db
def test_pages_are_served_from_the_database_when_redis_is_down(client, settings, caplog):
    settings.CACHE_PAGES = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Port 9 (discard) is closed on any sane host: connecting is refused at once.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with caplog.at_level(logging.ERROR):
        for url in ("/kk/", "/ru/news/", "/en/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Traceback" not in response.content.decode()
    assert any(record.levelno >= logging.ERROR for record in caplog.records)


# --- SQLite under concurrent writes ----------------------------------------------

CONCURRENT_WRITES = textwrap.dedent(
    """
    import json, threading
    import django
    django.setup()
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    connection.close()
    errors = []

    def writer():
        try:
            for _ in range(25):
                # Read, then write: a deferred transaction would fail here with "locked".
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT value FROM counter WHERE id = 1")
                        value = cursor.fetchone()[0]
                        cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    def reader():
        try:
            for _ in range(50):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT value FROM counter")
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(8)]
    threads += [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        total = cursor.fetchone()[0]
    print(json.dumps({"errors": errors, "total": total}))
    """
)


def test_sqlite_concurrent_writers_never_see_database_is_locked(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'concurrent.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT_WRITES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["total"] == 8 * 25


# --- Disk full or unwritable media ------------------------------------------------


class DiskFullFile:
    """A file object whose disk fills up after the first chunk."""

    def __init__(self, handle):
        self.handle = handle
        self.chunks = 0

    def write(self, data):
        self.chunks += 1
        if self.chunks > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.handle.write(data)

    def close(self):
        self.handle.close()


def test_storage_leaves_no_partial_file_when_the_disk_fills_during_a_write(tmp_path):
    storage = SafeFileSystemStorage(location=tmp_path)
    upload = ContentFile(b"x" * (3 * 64 * 1024), name="photo.jpg")
    real_fdopen = os.fdopen
    with (
        mock.patch("os.fdopen", lambda fd, mode: DiskFullFile(real_fdopen(fd, mode))),
        pytest.raises(OSError),
    ):
        storage.save("news/photo.jpg", upload)
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def png_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "skyblue").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_upload_on_a_full_disk_is_a_form_error_and_saves_nothing(settings):
    form_class = modelform_factory(NewsItem, fields=["hero_image"])
    full = shutil._ntuple_diskusage(total=10**9, used=10**9, free=0)
    with mock.patch("assembly.storage.shutil.disk_usage", return_value=full):
        form = form_class(data={}, files={"hero_image": png_upload()})
        assert not form.is_valid()
    assert "storage is full" in str(form.errors["hero_image"])
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_upload_to_an_unwritable_media_folder_is_a_form_error(settings):
    form_class = modelform_factory(NewsItem, fields=["hero_image"])
    with mock.patch("assembly.storage.os.access", return_value=False):
        form = form_class(data={}, files={"hero_image": png_upload()})
        assert not form.is_valid()
    assert "cannot be written" in str(form.errors["hero_image"])


def test_upload_with_room_on_disk_passes_the_storage_check(settings):
    form_class = modelform_factory(NewsItem, fields=["hero_image"])
    form = form_class(data={}, files={"hero_image": png_upload()})
    assert "hero_image" not in form.errors


# --- Not found ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_is_in_the_language_of_the_url(client, lang):
    response = client.get(f"/{lang}/news/no-such-article/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    with translation.override(lang):
        assert translation.gettext("Page not found") in html
        assert f'href="{reverse("assembly:home")}"' in html
    # A reader who mistyped an address needs no request id; the header still carries it.
    assert response["X-Request-ID"] not in html
