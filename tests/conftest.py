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


@pytest.fixture
def seeded(db):
    from assembly.seeding import load_seed_content

    load_seed_content()
