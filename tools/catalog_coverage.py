"""How much of Django's and the third-party apps' editor-facing strings are translated.

The msgids come from the packages themselves: Django's English catalogs, and for apps that
ship none (or stale ones) from their sources through `makemessages`. Coverage is measured
with Django's own loader, so the project's catalogs (LOCALE_PATHS) are layered over the
packages' exactly as at runtime.

    .venv/bin/python tools/catalog_coverage.py            # table per language and domain
    .venv/bin/python tools/catalog_coverage.py --check    # exit 1 below 100 % in a language
    .venv/bin/python tools/catalog_coverage.py --missing kk --domain djangojs > missing.po
"""

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# The language of the msgids; every other content language (config/settings.py) is measured.
SOURCE_LANGUAGE = "en"
DOMAINS = ("django", "djangojs")

# (component, package directory, domains): Django ships up-to-date English catalogs.
DJANGO_COMPONENTS = (
    ("django", "django/conf", DOMAINS[:1]),
    ("admin", "django/contrib/admin", DOMAINS),
    ("auth", "django/contrib/auth", DOMAINS[:1]),
    ("contenttypes", "django/contrib/contenttypes", DOMAINS[:1]),
    ("sessions", "django/contrib/sessions", DOMAINS[:1]),
)
# Third-party apps an editor meets: their msgids are extracted from the code.
EXTRACTED_COMPONENTS = (
    ("modeltranslation", "modeltranslation", DOMAINS[:1]),
    ("reversion", "reversion", DOMAINS[:1]),
    ("axes", "axes", DOMAINS[:1]),
    ("prose-editor", "django_prose_editor", DOMAINS),
)
# AdminSite.i18n_javascript serves this package's catalog, plus LOCALE_PATHS.
JS_CATALOG_PACKAGES = ["django.contrib.admin"]


@dataclass
class Entry:
    msgid: str
    context: str | None = None
    plural: str | None = None
    flags: list[str] = field(default_factory=list)
    msgstr: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)

    @property
    def key(self):
        return (self.context, self.msgid, self.plural)

    @property
    def catalog_key(self):
        # The key GNUTranslations uses in its _catalog.
        text = self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"
        return (text, 0) if self.plural is not None else text


def read_po(path):
    """Parse a .po file into Entry objects (obsolete `#~` entries are skipped)."""
    entries = []
    current, target, flags = {}, None, []

    def flush():
        nonlocal current, target, flags
        if "msgid" in current:
            msgstr = [current[k] for k in sorted(current) if k.startswith("msgstr")]
            entries.append(
                Entry(
                    msgid=current["msgid"],
                    context=current.get("msgctxt"),
                    plural=current.get("msgid_plural"),
                    flags=flags,
                    msgstr=msgstr,
                )
            )
        current, target, flags = {}, None, []

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgid" in current:
                flush()
            flags = [flag.strip() for flag in line[2:].split(",") if flag.strip()]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[target] += ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            keyword = keyword.replace("[", "_").rstrip("]")
            if keyword in {"msgctxt", "msgid"} and any(k.startswith("msgstr") for k in current):
                flush()
            target = keyword
            current[target] = ast.literal_eval(value)
    flush()
    return [entry for entry in entries if entry.msgid]


def quote(text):
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def format_entry(entry):
    lines = [f"#. from: {', '.join(entry.components)}"] if entry.components else []
    if entry.flags:
        lines.append(f"#, {', '.join(entry.flags)}")
    if entry.context is not None:
        lines.append(f"msgctxt {quote(entry.context)}")
    lines.append(f"msgid {quote(entry.msgid)}")
    if entry.plural is None:
        lines.append(f"msgstr {quote(entry.msgstr[0] if entry.msgstr else '')}")
    else:
        lines.append(f"msgid_plural {quote(entry.plural)}")
        forms = entry.msgstr or ["", ""]
        lines.extend(f"msgstr[{i}] {quote(text)}" for i, text in enumerate(forms))
    return "\n".join(lines)


def site_packages():
    import django

    return Path(django.__file__).resolve().parent.parent


def _makemessages(workdir, domain):
    (workdir / "locale").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale",
            SOURCE_LANGUAGE,
            "--domain",
            domain,
            "--no-location",
            "--no-wrap",
            "--verbosity",
            "0",
        ],
        cwd=workdir,
        env=env,
        check=True,
    )
    po = workdir / "locale" / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
    return read_po(po) if po.exists() else []


def extract_package(package_dir, domain):
    """Msgids of one installed package, read from its code the way makemessages does."""
    ignore = shutil.ignore_patterns("tests", "locale", "__pycache__", "*.map", "*.min.js")
    with tempfile.TemporaryDirectory(prefix="catalog-coverage-") as tmp:
        workdir = Path(tmp) / package_dir.name
        shutil.copytree(package_dir, workdir, ignore=ignore)
        if domain == "djangojs":
            # Bundled JS is minified (gettext is renamed); its source map keeps the sources.
            for bundle in workdir.rglob("*.js"):
                bundle.unlink()
            for source_map in package_dir.rglob("*.js.map"):
                data = json.loads(source_map.read_text(encoding="utf-8"))
                for i, content in enumerate(data.get("sourcesContent") or []):
                    if content and "gettext" in content:
                        target = workdir / "js-sources" / source_map.stem / f"{i}.js"
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_text(content, encoding="utf-8")
        return _makemessages(workdir, domain)


def upstream_entries(domain):
    """{key: Entry} of every upstream msgid of a domain, tagged with its components."""
    root = site_packages()
    found = {}
    sources = []
    for name, path, domains in DJANGO_COMPONENTS:
        if domain in domains:
            po = root / path / "locale" / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
            sources.append((name, read_po(po)))
    for name, path, domains in EXTRACTED_COMPONENTS:
        if domain in domains and (root / path).is_dir():
            sources.append((name, extract_package(root / path, domain)))
    for name, entries in sources:
        for entry in entries:
            known = found.setdefault(entry.key, entry)
            if name not in known.components:
                known.components.append(name)
            known.flags = sorted((set(known.flags) | set(entry.flags)) - {"fuzzy"})
    return found


def runtime_catalog(language, domain):
    from django.utils.translation.trans_real import DjangoTranslation
    from django.views.i18n import JavaScriptCatalog

    if domain == "djangojs":
        paths = JavaScriptCatalog().get_paths(JS_CATALOG_PACKAGES)
        return DjangoTranslation(language, domain=domain, localedirs=paths)._catalog
    return DjangoTranslation(language, domain=domain)._catalog


def coverage(language, domain, entries):
    catalog = runtime_catalog(language, domain)
    per_component = {}
    missing = []
    for entry in entries.values():
        translated = bool(catalog.get(entry.catalog_key))
        for name in entry.components:
            done, total = per_component.get(name, (0, 0))
            per_component[name] = (done + translated, total + 1)
        if not translated:
            missing.append(entry)
    return per_component, missing


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def translated_languages():
    from assembly import languages

    return [code for code in languages.content_languages() if code != SOURCE_LANGUAGE]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail below 100 %% in a language")
    parser.add_argument("--missing", metavar="LANG", help="print the missing entries as .po")
    parser.add_argument("--domain", choices=DOMAINS, default="django")
    args = parser.parse_args()
    setup_django()

    if args.missing:
        entries = upstream_entries(args.domain)
        _, missing = coverage(args.missing, args.domain, entries)
        print("\n\n".join(format_entry(entry) for entry in missing))
        return 0

    complete = True
    row = "{:<5} {:<9} {:<17} {:>5}/{:<4} {:4.0%}"
    print(f"{'lang':<5} {'domain':<9} {'component':<17} {'translated':>15}")
    for domain in DOMAINS:
        entries = upstream_entries(domain)
        for language in translated_languages():
            per_component, missing = coverage(language, domain, entries)
            for name, (done, total) in per_component.items():
                print(row.format(language, domain, name, done, total, done / total))
            total = len(entries)
            done = total - len(missing)
            print(row.format(language, domain, "ALL", done, total, done / total))
            complete &= not missing
        print(f"{SOURCE_LANGUAGE:<5} {domain:<9} {'ALL':<17} {len(entries):>5} msgids (source)")
    if args.check and not complete:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
