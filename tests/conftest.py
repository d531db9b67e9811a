import shutil
import tempfile

import pytest


@pytest.fixture(autouse=True)
def _plain_static_and_temp_media(settings):
    # Tests render templates without a collectstatic manifest, and never write into var/media.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    media = tempfile.mkdtemp(prefix="assembly-media-")
    settings.MEDIA_ROOT = media
    yield
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_page_cache(settings, tmp_path):
    # A page cached in one test must not answer in the next: rolled-back rows send no signal.
    from django.core.cache import cache

    settings.CACHES = {
        **settings.CACHES,
        "tags": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "cache-tags",
        },
    }
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_content_types():
    # A transactional test empties django_content_type; ids remembered by an earlier test
    # would point the search entries written next at rows that no longer exist.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def client():
    # Sign-ins of the tests pass both steps (tests/second_step.py).
    from tests.second_step import SignedInClient

    return SignedInClient()


@pytest.fixture
def admin_client(db, admin_user):
    from tests.second_step import SignedInClient

    client = SignedInClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def seeded(db):
    from assembly.seeding import load_seed_content

    load_seed_content()
