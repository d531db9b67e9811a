"""The proof that a language takes one line (issue 13).

A copy of the project gets ``("uz", "Oʻzbekcha")`` in ``LANGUAGES`` of its config/settings.py
and no other edit. Its own ``makemigrations``, ``migrate`` and seed loader then run on a SQLite
file in a temporary directory, and a script inside the copy reads its pages as a reader and an
editor would: Uzbek pages, the switcher, the fallback notice, the admin's Uzbek fields, the
translation dashboard, feeds, the sitemap and search. Uzbek never reaches this project.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# What the copy leaves out: the running project's data, tools and these tests.
LEFT_OUT = {".git", ".venv", "var", "tests", "docs", "tools", ".ci", "node_modules"}
CACHES = {"__pycache__", ".ruff_cache", ".hypothesis", ".pytest_cache"}
ANCHOR = '    ("en", _("English")),\n'
UZBEK_LINE = '    ("uz", "Oʻzbekcha"),\n'
UZBEK_TITLE = "Qozogʻistonliklar millatlararo munosabatlarni barqaror deb hisoblaydi"

# Run by the copy's manage.py shell: what a reader and an editor get, as JSON.
CHECKS = """
import json, time
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
from django_otp import DEVICE_ID_SESSION_KEY
from assembly.models import Institution, NewsItem, RecoveryCodeDevice
from assembly.second_factor import VERIFIED_AT

setup_test_environment()
plain_static = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
found = {}
with override_settings(STORAGES=plain_static):
    reader = Client()

    def get(client, path):
        response = client.get(path)
        return {"status": response.status_code, "text": response.content.decode()}

    article = NewsItem.objects.get(seed_key="kazinform-2025-12-19")
    institution = Institution.objects.published().order_by("pk").first()
    found["home"] = get(reader, "/uz/")
    found["kazakh_home"] = get(reader, "/kk/")
    found["untranslated_article"] = get(reader, f"/uz/news/{article.slug_kk}/")
    found["untranslated_institution"] = get(reader, f"/uz/institutions/{institution.slug_kk}/")

    article.title_uz = TITLE
    article.lead_uz = "Assambleya 30 yoshda."
    article.body_uz = "<p>Birlik va hamjihatlik.</p>"
    article.save()
    found["slug_uz"] = article.slug_uz
    found["translated_article"] = get(reader, f"/uz/news/{article.slug_uz}/")
    found["news_list"] = get(reader, "/uz/news/")
    found["rss"] = get(reader, "/uz/feeds/news.rss")
    found["atom"] = get(reader, "/uz/feeds/news.atom")
    found["sitemap"] = get(reader, "/sitemap-news.xml")
    found["search"] = get(reader, "/uz/search/?q=barqaror")

    user = get_user_model().objects.create_superuser("checks", "checks@example.org", "x" * 24)
    device = RecoveryCodeDevice.objects.create(user=user, name="checks", confirmed=True)
    editor = Client()
    editor.force_login(user)
    session = editor.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT] = time.time()
    session.save()
    found["change_form"] = get(editor, f"/admin/assembly/newsitem/{article.pk}/change/")
    found["dashboard"] = get(editor, "/admin/translations/")
print("CHECKS" + json.dumps(found))
"""


def _ignore(directory, names):
    left_out = LEFT_OUT if Path(directory) == ROOT else set()
    return [name for name in names if name in left_out or name in CACHES or name.endswith(".pyc")]


def _files(root):
    """A digest of every file of the project at ``root``, by its relative path."""
    found = {}
    for directory, subdirectories, names in os.walk(root):
        here = Path(directory)
        subdirectories[:] = [
            name
            for name in subdirectories
            if name not in CACHES and not (here == root and name in LEFT_OUT)
        ]
        for name in names:
            if not name.endswith(".pyc"):
                digest = hashlib.sha256((here / name).read_bytes()).hexdigest()
                found[(here / name).relative_to(root).as_posix()] = digest
    return found


def _run(copy, env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def uzbek_copy(tmp_path_factory):
    work = tmp_path_factory.mktemp("one-line-language")
    copy = work / "project"
    shutil.copytree(ROOT, copy, ignore=_ignore)
    copied = _files(copy)
    settings_file = copy / "config" / "settings.py"
    text = settings_file.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1, "LANGUAGES no longer ends with English as this test expects"
    settings_file.write_text(text.replace(ANCHOR, ANCHOR + UZBEK_LINE), encoding="utf-8")

    env = {
        key: value
        for key, value in os.environ.items()
        # The copy shares no database, cache or front-end cache with anything else.
        if key not in {"DATABASE_URL", "REDIS_URL", "FRONTEND_CACHES", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        SECRET_KEY=os.environ.get("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-000"),
        DEBUG="0",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    _run(copy, env, "makemigrations", "assembly", "--noinput")
    _run(copy, env, "migrate", "--noinput", "-v", "0")
    _run(copy, env, "load_seed_content")
    output = _run(copy, env, "shell", "-c", CHECKS.replace("TITLE", repr(UZBEK_TITLE)))
    found = json.loads(output.split("CHECKS", 1)[1])
    return {"copy": copy, "copied": copied, "settings": text, **found}


def test_the_copy_differs_by_one_line_of_settings_and_its_new_migration(uzbek_copy):
    copy = uzbek_copy["copy"]
    before, after = uzbek_copy["copied"], _files(copy)
    changed = [name for name in before if after.get(name) != before[name]]
    new = sorted(set(after) - set(before))

    assert changed == ["config/settings.py"]
    assert len(new) == 1 and new[0].startswith("assembly/migrations/"), new
    original = uzbek_copy["settings"].splitlines()
    edited = (copy / "config" / "settings.py").read_text(encoding="utf-8").splitlines()
    assert [line for line in edited if line not in original] == [UZBEK_LINE.rstrip("\n")]
    assert len(edited) == len(original) + 1
    migration = (copy / new[0]).read_text(encoding="utf-8")
    assert "title_uz" in migration and "news_public_uz_idx" in migration


def test_uzbek_pages_answer_in_uzbek(uzbek_copy):
    for name in ("home", "news_list", "translated_article"):
        assert uzbek_copy[name]["status"] == 200, name
        assert '<html lang="uz"' in uzbek_copy[name]["text"], name


def test_switcher_links_the_uzbek_page(uzbek_copy):
    assert 'href="/uz/" hreflang="uz"' in uzbek_copy["kazakh_home"]["text"]
    assert 'href="/kk/" hreflang="kk"' in uzbek_copy["home"]["text"]
    assert 'href="/uz/" hreflang="uz" lang="uz" aria-current="page"' in uzbek_copy["home"]["text"]


def test_content_not_in_uzbek_falls_back_with_the_notice(uzbek_copy):
    for name in ("untranslated_article", "untranslated_institution"):
        page = uzbek_copy[name]
        assert page["status"] == 200, name
        assert '<html lang="uz"' in page["text"], name
        assert 'aria-labelledby="notice-heading"' in page["text"], name
    assert 'aria-labelledby="notice-heading"' not in uzbek_copy["translated_article"]["text"]
    assert UZBEK_TITLE in uzbek_copy["translated_article"]["text"]


def test_admin_has_an_uzbek_tab_on_translated_fields(uzbek_copy):
    page = uzbek_copy["change_form"]
    assert page["status"] == 200
    for field in ("title", "lead", "body", "hero_alt"):
        # modeltranslation's tabs are made of the fields with this class, one per language.
        assert f'name="{field}_uz"' in page["text"], field
        assert f"mt-field-{field}-uz" in page["text"], field


def test_translation_dashboard_has_an_uzbek_column(uzbek_copy):
    page = uzbek_copy["dashboard"]
    assert page["status"] == 200
    assert '<th scope="col" lang="uz">Oʻzbekcha</th>' in page["text"]
    assert "?missing_in=uz" in page["text"]
    assert "?outdated_in=uz" in page["text"]


def test_uzbek_feeds_carry_the_item_translated_into_uzbek(uzbek_copy):
    address = f"/uz/news/{uzbek_copy['slug_uz']}/"
    rss, atom = uzbek_copy["rss"], uzbek_copy["atom"]
    assert rss["status"] == atom["status"] == 200
    assert "<language>uz</language>" in rss["text"]
    assert 'xml:lang="uz"' in atom["text"]
    assert f"<title>{UZBEK_TITLE}</title>" in rss["text"]
    assert address in rss["text"] and address in atom["text"]


def test_sitemap_names_the_uzbek_alternate(uzbek_copy):
    sitemap = uzbek_copy["sitemap"]
    address = f"/uz/news/{uzbek_copy['slug_uz']}/"
    assert sitemap["status"] == 200
    assert f"<loc>http://testserver{address}</loc>" in sitemap["text"]
    assert f'hreflang="uz" href="http://testserver{address}"' in sitemap["text"]


def test_uzbek_search_finds_the_uzbek_text(uzbek_copy):
    assert uzbek_copy["search"]["status"] == 200
    assert f"/uz/news/{uzbek_copy['slug_uz']}/" in uzbek_copy["search"]["text"]


def test_uzbek_stays_out_of_this_project():
    assert "uz" not in [code for code, _name in settings.LANGUAGES]
    migrations = (ROOT / "assembly" / "migrations").glob("*.py")
    assert not [path.name for path in migrations if "_uz" in path.read_text(encoding="utf-8")]
