import ast
import json
import re
from contextlib import suppress
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils.translation import trans_real

from assembly.models import NewsItem

DJANGO_DIR = Path(django.__file__).resolve().parent
# Django's catalogs: the English .po holds every msgid.
DJANGO_LOCALES = ("conf", "contrib/admin", "contrib/auth", "contrib/contenttypes")
# Third-party apps an editor meets; none ships English, so every shipped .po counts.
THIRD_PARTY_PACKAGES = ("reversion", "axes", "django_prose_editor", "modeltranslation")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdr]|%[sdr]|\{[a-z_0-9]*\}")
PO_STRING = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt) "(.*)"$|^"(.*)"$')
IGNORED_ELEMENTS = {"script", "style", "textarea", "option", "template"}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}


def _unescape_po(text):
    return ast.literal_eval(f'"{text}"')


def _po_entries(path):
    """(msgctxt, msgid, msgid_plural) of every entry of a .po file."""
    entries, entry, field = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PO_STRING.match(line.strip())
        if not match:
            continue
        if match.group(1):
            field = match.group(1)
            if field in {"msgctxt", "msgid"} and "msgstr" in entry:
                entries.append(entry)
                entry = {}
            entry.setdefault(field.split("[")[0], "")
            entry[field.split("[")[0]] += match.group(2)
        else:
            entry[field.split("[")[0]] += match.group(3)
    entries.append(entry)
    return [
        (
            _unescape_po(entry["msgctxt"]) if "msgctxt" in entry else None,
            _unescape_po(entry["msgid"]),
            _unescape_po(entry["msgid_plural"]) if "msgid_plural" in entry else None,
        )
        for entry in entries
        if entry.get("msgid")
    ]


def _po_msgids(path):
    for _context, msgid, plural in _po_entries(path):
        yield msgid
        if plural:
            yield plural


def _catalog_paths():
    for component in DJANGO_LOCALES:
        yield from (DJANGO_DIR / component / "locale" / "en" / "LC_MESSAGES").glob("*.po")
    for package in THIRD_PARTY_PACKAGES:
        yield from (DJANGO_DIR.parent / package).glob("locale/*/LC_MESSAGES/*.po")


def _strip_markup(text):
    text = re.sub(r"<[^>]+>", " ", text)
    return text.replace("&amp;", "&").replace("&nbsp;", " ")


def _phrase(msgid):
    """(literal text, its longest run, regex): placeholders match any short text."""
    parts = [" ".join(_strip_markup(part).split()) for part in PLACEHOLDER.split(msgid)]
    regex = r".{1,200}?".join(
        r"\s+".join(re.escape(word) for word in part.split()) for part in parts
    )
    return " ".join(part for part in parts if part), max(parts, key=len), re.compile(regex)


@cache
def english_phrases():
    """{msgid: (longest run, regex)} for msgids of at least two words and six letters."""
    phrases = {}
    for path in _catalog_paths():
        for msgid in _po_msgids(path):
            literal, longest, regex = _phrase(msgid)
            if len(literal.split()) >= 2 and len(literal) >= 6:
                phrases[msgid] = (longest, regex)
    return phrases


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in IGNORED_ELEMENTS:
            self.hidden += 1
        attributes = dict(attrs)
        for name in VISIBLE_ATTRIBUTES & attributes.keys():
            self.chunks.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
            self.chunks.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in IGNORED_ELEMENTS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.chunks.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.chunks).split())


GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
CONTEXT_GETTEXT_CALLS = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
TEMPLATE_TRANSLATE = re.compile(r"""{%\s*trans(?:late)?\s+(["'])(.*?)\1""", re.S)
TEMPLATE_BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b[^%]*%}(.*?){%\s*endblocktrans(?:late)?\s*%}", re.S
)
TEMPLATE_VARIABLE = re.compile(r"{{.*?}}|{%\s*plural\s*%}")


def _python_msgids(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        position = 0 if name in GETTEXT_CALLS else 1 if name in CONTEXT_GETTEXT_CALLS else None
        if position is None or len(node.args) <= position:
            continue
        argument = node.args[position]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            yield argument.value


def _template_msgids(path):
    source = path.read_text(encoding="utf-8")
    yield from (match.group(2) for match in TEMPLATE_TRANSLATE.finditer(source))
    for match in TEMPLATE_BLOCK.finditer(source):
        yield from TEMPLATE_VARIABLE.sub("%s", match.group(1)).split("%s%s")


@cache
def project_strings():
    """The site's own msgids, as regexes: the later translation pass owns their text."""
    base = Path(settings.BASE_DIR)
    msgids = set()
    for path in base.glob("[!.]*/**/*.py"):
        if "migrations" not in path.parts and "tests" not in path.parts:
            msgids.update(_python_msgids(path))
    for path in base.glob("[!.]*/**/templates/**/*.html"):
        msgids.update(_template_msgids(path))
    for path in (base / "templates").glob("**/*.html"):
        msgids.update(_template_msgids(path))
    phrases = (_phrase(msgid) for msgid in msgids)
    return [(longest, regex) for literal, longest, regex in phrases if len(literal.split()) >= 2]


def english_left(text, language):
    catalog = trans_real.translation(language)._catalog
    for longest, regex in project_strings():
        if longest in text:
            text = regex.sub(" | ", text)
    found = []
    for msgid, (longest, regex) in english_phrases().items():
        if longest in text and catalog.get(msgid) != msgid and regex.search(text):
            found.append(msgid)
    return found


def admin_client(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def admin_pages(user, article):
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(_request_for(user)):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
    for name in ("change", "history", "delete"):
        pages.append(reverse(f"admin:assembly_newsitem_{name}", args=[article.pk]))
    for name in ("change", "password_change"):
        pages.append(reverse(f"admin:auth_user_{name}", args=[user.pk]))
    with suppress(NoReverseMatch):  # django-reversion's list of deleted items
        pages.append(reverse("admin:assembly_newsitem_recoverlist"))
    return pages


def _request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def superuser(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_superuser(
        "redaktor", "redaktor@example.kz", "Qazaq-Eli-2025!"
    )


@pytest.fixture
def article(seeded):
    return NewsItem.objects.order_by("pk").first()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_admin_pages_show_no_english_from_django_catalogs(client, superuser, article, language):
    client = admin_client(client, superuser, language)
    left = {}
    for url in admin_pages(superuser, article):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response.headers["Content-Language"] == language, url
        phrases = english_left(visible_text(response.content.decode()), language)
        if phrases:
            left[url] = phrases
    assert not left, f"English left in the {language} admin: {left}"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_admin_login_page_and_its_error_show_no_english(client, superuser, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    login = reverse("admin:login")
    pages = {
        "form": client.get(login),
        "error": client.post(login, {"username": "redaktor", "password": "wrong-password"}),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert english_left(visible_text(response.content.decode()), language) == [], name
    error_text = visible_text(pages["error"].content.decode())
    expected = {"kk": "Қызметкер тіркелгісі үшін дұрыс", "ru": "Пожалуйста, введите корректные"}
    assert expected[language] in error_text


def _js_catalog(response):
    source = response.content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", source, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_admin_javascript_catalog_translates_admin_and_editor_strings(client, superuser, language):
    entries = _po_entries(DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po")
    editor = DJANGO_DIR.parent / "django_prose_editor"
    for path in editor.glob("locale/*/LC_MESSAGES/djangojs.po"):
        entries += _po_entries(path)
    response = admin_client(client, superuser, language).get(reverse("admin:jsi18n"))
    catalog = _js_catalog(response)
    keys = {msgid if context is None else f"{context}\x04{msgid}" for context, msgid, _ in entries}
    assert response.status_code == 200
    assert len(keys) > 90
    assert sorted(key for key in keys if not catalog.get(key)) == []
    assert catalog["Insert Table"] != "Insert Table"


def test_kazakh_javascript_catalog_starts_the_week_on_monday(client, superuser):
    response = admin_client(client, superuser, "kk").get(reverse("admin:jsi18n"))
    source = response.content.decode()
    assert '"FIRST_DAY_OF_WEEK": 1' in source
    assert _js_catalog(response)["Choose a Date"] == "Күнді таңдаңыз"
