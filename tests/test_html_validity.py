"""Every page of a sample of the sitemap, with search results and the 404 page, through the
W3C Nu HTML checker (vnu.jar), in kk, its Latin reading, ru and en.

The checker runs once over all the pages: a Java start costs seconds, a page milliseconds.
`.ci/run` installs Java and the pinned vnu.jar (its `ensure_vnu`); in CI a missing one fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from assembly.models import NewsItem
from tests.test_sitemap import SECTIONS, collect_urls, path_of

pytestmark = pytest.mark.validator

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(
    os.environ.get("VNU_JAR") or ROOT / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
)
LANGUAGES = ("kk", "kk-latn", "ru", "en")
# The pages of one section share their templates: a few of each, in each language, cover them.
PER_SECTION_AND_LANGUAGE = 4
# Pages the sitemap does not list (results, filters with a message, 404), in every language.
UNLISTED = (
    "search/?q=ассамблея",
    "search/?q=Assembly",
    "search/?q=zzzzqqq",
    "news/?topic=no-such-topic",
    "institutions/?kind=no-such-kind",
    "topics/",
    "feeds/",
    "no-such-page/",
)


def checker():
    """The java command and vnu.jar, or a reason why they are missing."""
    java = shutil.which("java")
    if not java:
        return None, "java is missing (apt-get install default-jre-headless)"
    if not VNU_JAR.is_file():
        return None, f"{VNU_JAR} is missing (see ensure_vnu in .ci/run)"
    return [java, "-jar", str(VNU_JAR)], None


@pytest.fixture(scope="module")
def vnu():
    command, missing = checker()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"W3C checker cannot run in CI: {missing}")
        reason = f"W3C checker not run: {missing}"
        print(reason)
        pytest.skip(reason)
    return command


def sample_paths(client):
    paths = []
    for section in sorted(SECTIONS):
        chosen = {}
        for loc in collect_urls(client, section):
            path = path_of(loc)
            chosen.setdefault(path.split("/")[1], []).append(path)
        assert set(chosen) == set(LANGUAGES), (section, chosen)
        for lang_paths in chosen.values():
            paths += lang_paths[:PER_SECTION_AND_LANGUAGE]
    published = NewsItem.objects.published().latest("published_at").published_at
    archives = (f"news/{published:%Y}/", f"news/{published:%Y/%m}/")
    paths += [f"/{lang}/{page}" for lang in LANGUAGES for page in (*UNLISTED, *archives)]
    return paths


def file_name(path):
    return path.strip("/").replace("/", "_").replace("?", "_").replace("=", "_") + ".html"


def validate(command, files):
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr; exit 1 means errors were found.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stderr)["messages"]


def test_no_sampled_page_has_an_html_error(client, seeded, vnu, tmp_path):
    directory = tmp_path / "pages"
    directory.mkdir()
    pages = {}
    for path in sample_paths(client):
        response = client.get(path)
        expected = 404 if path.endswith("no-such-page/") else 200
        assert response.status_code == expected, path
        assert response["Content-Type"].startswith("text/html"), path
        (directory / file_name(path)).write_bytes(response.content)
        pages[file_name(path)] = path
    assert len(pages) > 60

    errors = [
        f"{pages[Path(message['url']).name]}:{message.get('lastLine', '?')}: {message['message']}"
        for message in validate(vnu, sorted(directory.iterdir()))
    ]
    assert errors == []


def test_the_checker_reports_an_error_it_is_given(vnu, tmp_path):
    # Guards the test above against a checker that reads nothing and so finds nothing.
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><h1>a</h1><h3>b<p></h3>')
    messages = validate(vnu, [bad])
    assert any("h3" in message["message"] for message in messages), messages
