"""One .tar.gz holding the database (as Django JSON) and the uploaded media.

The JSON is database-agnostic: a backup taken on SQLite restores into PostgreSQL and back.
Primary keys are kept, so revisions (which point at objects by id) still match after restore.
"""

import datetime
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers import json as json_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

FORMAT_VERSION = 1
DATABASE_FILE = "database.json"
DUMP_FORMAT = "exactjson"
MANIFEST_FILE = "manifest.json"
MEDIA_DIR = "media"
# Content, editors and history. Sessions, sign-in attempts and thumbnails are left out: they
# are rebuilt, and content types and permissions come back from `migrate`.
DUMP_LABELS = ("assembly", "auth.user", "auth.group", "admin.logentry", "reversion")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's JSON, but times keep their microseconds (Django's encoder cuts them to ms)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(json_serializer.Serializer):
    """Registered as the "exactjson" format; the standard json format reads what it writes."""

    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()


Deserializer = json_serializer.Deserializer


def dump_labels():
    labels = []
    for label in DUMP_LABELS:
        app_label = label.split(".")[0]
        if apps.is_installed(f"django.contrib.{app_label}") or any(
            config.label == app_label for config in apps.get_app_configs()
        ):
            labels.append(label)
    return labels


def dumped_models():
    models = []
    for label in dump_labels():
        if "." in label:
            models.append(apps.get_model(label))
        else:
            models.extend(apps.get_app_config(label).get_models())
    return models


def _media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def create_backup(destination, *, database=DEFAULT_DB_ALIAS):
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="assembly-backup-") as workdir:
        dump = Path(workdir) / DATABASE_FILE
        serializers.register_serializer(DUMP_FORMAT, __name__)
        call_command(
            "dumpdata",
            *dump_labels(),
            natural_foreign=True,
            use_base_manager=True,
            database=database,
            format=DUMP_FORMAT,
            indent=None,
            output=str(dump),
            verbosity=0,
        )
        files = _media_files(media_root)
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "django": django.get_version(),
            "database_vendor": connections[database].vendor,
            "labels": dump_labels(),
            "media_files": len(files),
        }
        (Path(workdir) / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2))
        # Written beside the target and renamed: a failed backup never replaces a good one.
        # The archive holds password hashes: readable by its owner only.
        fd, partial = tempfile.mkstemp(dir=destination.parent, prefix=".backup-", suffix=".tmp")
        os.close(fd)
        os.chmod(partial, 0o600)
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(Path(workdir) / MANIFEST_FILE, arcname=MANIFEST_FILE)
                archive.add(dump, arcname=DATABASE_FILE)
                for path in files:
                    relative = path.relative_to(media_root).as_posix()
                    archive.add(path, arcname=f"{MEDIA_DIR}/{relative}", recursive=False)
            os.replace(partial, destination)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return manifest


def _safe_member_path(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise CommandError(f"Unsafe path in the archive: {name}")
    return path


def _flush_tables(models, database):
    connection = connections[database]
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            tables.add(field.remote_field.through._meta.db_table)
    existing = set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables & existing), reset_sequences=False, allow_cascade=True
    )
    if connection.vendor == "postgresql":
        # TRUNCATE refuses to run while deferred foreign-key checks are pending in this
        # transaction; run them now, then defer again for loaddata's forward references.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        connection.ops.execute_sql_flush(statements)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.ops.execute_sql_flush(statements)


def restore_backup(source, *, replace=False, database=DEFAULT_DB_ALIAS):
    source = Path(source)
    if not source.is_file():
        raise CommandError(f"No archive at {source}")
    if not replace and get_user_model()._base_manager.using(database).exists():
        raise CommandError(
            "The database already has users. Restore into an empty database "
            "(after `migrate`), or pass --replace to overwrite its content."
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="assembly-restore-") as workdir:
        workdir = Path(workdir)
        with tarfile.open(source, "r:gz") as archive:
            for member in archive.getmembers():
                _safe_member_path(member.name)
                if not (member.isfile() or member.isdir()):
                    raise CommandError(f"Unexpected entry in the archive: {member.name}")
            archive.extractall(workdir, filter="data")
        try:
            manifest = json.loads((workdir / MANIFEST_FILE).read_text())
        except (OSError, ValueError) as error:
            raise CommandError("The archive has no readable manifest.") from error
        if manifest.get("format") != FORMAT_VERSION:
            raise CommandError(f"Unknown backup format: {manifest.get('format')}")
        # Content type ids differ between databases; the ids cached in this process may be stale.
        ContentType.objects.clear_cache()
        with transaction.atomic(using=database):
            _flush_tables(dumped_models(), database)
            call_command("loaddata", str(workdir / DATABASE_FILE), database=database, verbosity=0)
        restored = 0
        media_source = workdir / MEDIA_DIR
        for path in _media_files(media_source):
            target = media_root / path.relative_to(media_source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            restored += 1
    return {**manifest, "media_restored": restored}
