import hashlib
import io
import json
import shutil
import stat
import tarfile
from pathlib import Path

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from reversion.models import Version

from assembly.models import NewsItem
from assembly.operations.backups import DUMP_FORMAT, dump_labels

LANGUAGES = ("kk", "ru", "en")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The production hasher takes about a second a try; these tests try dozens of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def database_snapshot():
    out = io.StringIO()
    # The backup's own format: times to the microsecond, so no precision loss can hide.
    serializers.register_serializer(DUMP_FORMAT, "assembly.operations.backups")
    call_command(
        "dumpdata",
        *dump_labels(),
        natural_foreign=True,
        use_base_manager=True,
        format=DUMP_FORMAT,
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    for row in rows:
        # Many-to-many ids come in the database's order, which a reload may change.
        row["fields"] = {
            name: sorted(value, key=repr) if isinstance(value, list) else value
            for name, value in row["fields"].items()
        }
    return sorted(rows, key=lambda row: (row["model"], str(row["pk"])))


def media_snapshot(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def empty_database():
    """What `migrate` leaves on a new server: tables, content types, permissions, no rows."""
    if connection.vendor == "postgresql":
        # The test's own transaction holds deferred foreign-key checks that block TRUNCATE.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def empty_media(root):
    for child in Path(root).iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


@pytest.fixture
def site_with_history(seeded):
    editor = get_user_model().objects.create_user(
        "editor", email="editor@example.kz", password="a-long-editor-password-1", is_staff=True
    )
    item = NewsItem.objects.filter(hero_image__gt="").first()
    assert item is not None and item.hero_image
    if not reversion.is_registered(NewsItem):
        pytest.skip("NewsItem is not under django-reversion")
    with reversion.create_revision():
        item.title_en = f"{item.title_en} (updated)"
        item.save()
        reversion.set_user(editor)
        reversion.set_comment("Edited title")
    return item


@pytest.fixture
def archive(tmp_path):
    yield tmp_path / "backups" / "site.tar.gz"
    # `flush` recreates content types under new ids, then the test's rollback undoes them.
    ContentType.objects.clear_cache()


def test_backup_writes_one_archive_with_database_and_media(site_with_history, archive, settings):
    call_command("backup", output=str(archive), verbosity=0, stdout=io.StringIO())
    assert archive.is_file()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "database.json" in names
    assert "manifest.json" in names
    image = site_with_history.hero_image.name
    assert f"media/{image}" in names


def test_restore_into_an_empty_database_brings_everything_back(
    site_with_history, archive, settings
):
    item = site_with_history
    before_rows = database_snapshot()
    before_media = media_snapshot(settings.MEDIA_ROOT)
    titles = {lang: getattr(item, f"title_{lang}") for lang in LANGUAGES}
    versions = Version.objects.get_for_object(item).count()
    assert all(titles.values())
    assert versions >= 1

    call_command("backup", output=str(archive), stdout=io.StringIO())
    # The disaster: an empty database (as after `migrate` on a new server) and no media.
    empty_database()
    empty_media(settings.MEDIA_ROOT)
    assert not NewsItem.objects.exists()

    call_command("restore", str(archive), stdout=io.StringIO())

    after_rows = database_snapshot()
    changed = [(a, b) for a, b in zip(before_rows, after_rows, strict=False) if a != b]
    assert not changed, {
        key: (changed[0][0]["fields"].get(key), changed[0][1]["fields"].get(key))
        for key in changed[0][0]["fields"]
        if changed[0][0]["fields"].get(key) != changed[0][1]["fields"].get(key)
    }
    assert len(after_rows) == len(before_rows)
    assert media_snapshot(settings.MEDIA_ROOT) == before_media
    restored = NewsItem.objects.get(pk=item.pk)
    for lang in LANGUAGES:
        assert getattr(restored, f"title_{lang}") == titles[lang]
        assert getattr(restored, f"body_{lang}") == getattr(item, f"body_{lang}")
        assert getattr(restored, f"slug_{lang}") == getattr(item, f"slug_{lang}")
    assert restored.hero_image.read() == Path(item.hero_image.path).read_bytes()
    assert Version.objects.get_for_object(restored).count() == versions
    assert (
        get_user_model().objects.get(username="editor").check_password("a-long-editor-password-1")
    )


def test_restored_site_serves_the_article_in_every_language(
    site_with_history, archive, settings, client
):
    settings.CACHE_PAGES = False
    call_command("backup", output=str(archive), stdout=io.StringIO())
    empty_database()
    empty_media(settings.MEDIA_ROOT)
    call_command("restore", str(archive), stdout=io.StringIO())
    item = NewsItem.objects.get(pk=site_with_history.pk)
    for lang in LANGUAGES:
        with translation.override(lang):
            response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        assert getattr(item, f"title_{lang}") in response.content.decode()


def test_restore_refuses_a_database_with_users_unless_told_to_replace(site_with_history, archive):
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already has users"):
        call_command("restore", str(archive), stdout=io.StringIO())
    NewsItem.objects.filter(pk=site_with_history.pk).update(title_ru="Испорчено")
    call_command("restore", str(archive), replace=True, stdout=io.StringIO())
    assert NewsItem.objects.get(pk=site_with_history.pk).title_ru != "Испорчено"


def test_restore_refuses_an_archive_that_escapes_its_folder(tmp_path, db):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        data = b"owned"
        info = tarfile.TarInfo("../../etc/owned")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="Unsafe path"):
        call_command("restore", str(evil), stdout=io.StringIO())
    assert not (tmp_path.parent.parent / "etc" / "owned").exists()
