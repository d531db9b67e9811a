"""The project's own kk/ru/en catalogs: complete, consistent with the sources, and compiled."""

import ast
import gettext
import json
import re
from dataclasses import dataclass, field

import pytest
from django.conf import settings

from tests.pages import fast_images  # noqa: F401

LANGUAGES = ("kk", "ru", "en")
LOCALE = settings.BASE_DIR / "locale"
# Django's own Plural-Forms for these languages, so project and Django strings agree.
PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "ru": (
        "nplurals=4; plural=(n%1==0 && n%10==1 && n%100!=11 ? 0 : n%1==0 && n%10>=2 && "
        "n%10<=4 && (n%100<12 || n%100>14) ? 1 : n%1==0 && (n%10==0 || (n%10>=5 && "
        "n%10<=9) || (n%100>=11 && n%100<=14 )) ? 2: 3);"
    ),
    "en": "nplurals=2; plural=(n != 1);",
}
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-z]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\w+\}"
)


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)
    flags: set = field(default_factory=set)

    @property
    def forms(self):
        return [self.msgstr[index] for index in sorted(self.msgstr)]


def parse_po(path):
    """Entries of a .po file, the header first; obsolete (#~) entries are left out."""
    entries, entry, current = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith('"'):
            name, index = current
            if name == "msgstr":
                entry.msgstr[index] += ast.literal_eval(line)
            else:
                setattr(entry, name, getattr(entry, name) + ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        # A comment or a new msgctxt/msgid after a msgstr starts the next entry.
        if (
            entry is not None
            and entry.msgstr
            and (line.startswith("#") or keyword in ("msgctxt", "msgid"))
        ):
            entries.append(entry)
            entry = None
        if entry is None:
            entry = Entry()
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif plural := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
            current = ("msgstr", int(plural[1]))
            entry.msgstr[current[1]] = ast.literal_eval(rest)
        elif keyword == "msgstr":
            current = ("msgstr", 0)
            entry.msgstr[0] = ast.literal_eval(rest)
        else:
            current = (keyword, None)
            setattr(entry, keyword, ast.literal_eval(rest))
    if entry is not None:
        entries.append(entry)
    return entries


def catalog(lang):
    header, *entries = parse_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
    assert header.msgid == "", "the header must come first"
    return header, entries


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def header_fields(header):
    return dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_exists_and_is_not_empty(lang):
    _header, entries = catalog(lang)
    assert len(entries) > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang):
    _header, entries = catalog(lang)
    untranslated = [e.msgid for e in entries if not e.forms or not all(e.forms)]
    assert not untranslated, f"untranslated in {lang}: {untranslated}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_is_fuzzy(lang):
    header, entries = catalog(lang)
    fuzzy = [e.msgid for e in [header, *entries] if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_names_language_and_djangos_plural_forms(lang):
    header, _entries = catalog(lang)
    fields = header_fields(header)
    assert fields["Language"] == lang
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == PLURAL_FORMS[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_entries_have_every_form(lang):
    header, entries = catalog(lang)
    nplurals = int(re.search(r"nplurals=(\d+)", header_fields(header)["Plural-Forms"])[1])
    for entry in entries:
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == list(range(nplurals)), entry.msgid


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    _header, entries = catalog(lang)
    for entry in entries:
        expected = placeholders(entry.msgid_plural or entry.msgid)
        for form in entry.forms:
            assert placeholders(form) == expected, (lang, entry.msgid, form)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_holds_exactly_the_po_translations(lang):
    _header, entries = catalog(lang)
    with open(LOCALE / lang / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    expected = {}
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            expected[key] = entry.msgstr[0]
        else:
            for index, form in entry.msgstr.items():
                expected[(key, index)] = form
    # A stale .mo (the .po edited, compilemessages not run) differs here.
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert actual == expected


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_translations_are_not_english_copies(lang):
    _header, entries = catalog(lang)
    copied = [
        e.msgid for e in entries if e.forms[0] == e.msgid and re.search("[A-Za-z]{4}", e.msgid)
    ]
    assert not copied, f"left in English in {lang}: {copied}"


def test_english_catalog_repeats_the_source_text():
    _header, entries = catalog("en")
    for entry in entries:
        if entry.msgid_plural is None:
            assert entry.forms == [entry.msgid]
        else:
            assert entry.forms == [entry.msgid, entry.msgid_plural]


def test_kazakh_catalog_is_written_with_kazakh_letters():
    _header, entries = catalog("kk")
    texts = [
        form for entry in entries for form in entry.forms if len(PLACEHOLDER.sub("", form)) > 15
    ]
    kazakh = [text for text in texts if KAZAKH_LETTERS & set(text)]
    assert len(kazakh) >= 0.5 * len(texts), f"{len(kazakh)} of {len(texts)}"


def test_russian_catalog_has_no_kazakh_letters():
    _header, entries = catalog("ru")
    # The search help names the Kazakh letters on purpose.
    mixed = [
        e.msgid
        for e in entries
        for form in e.forms
        if KAZAKH_LETTERS & set(form) and not KAZAKH_LETTERS & set(e.msgid)
    ]
    assert not mixed


NAV_LABELS = {
    "kk": ["Жаңалықтар", "Бастамалар", "Мекемелер", "Өңірлер", "Ассамблея туралы"],
    "ru": ["Новости", "Инициативы", "Учреждения", "Регионы", "Об Ассамблее"],
    "en": ["News", "Initiatives", "Institutions", "Regions", "About the Assembly"],
}
SITE_NAME = {
    "kk": "Қазақстан халқы Ассамблеясы",
    "ru": "Ассамблея народа Казахстана",
    "en": "Assembly of People of Kazakhstan",
}


@pytest.mark.usefixtures("fast_images", "seeded")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_shows_navigation_in_its_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    nav = html[
        html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))
    ]
    for label in NAV_LABELS[lang]:
        assert f">{label}</a>" in nav, (lang, label)
    assert SITE_NAME[lang] in html


@pytest.mark.usefixtures("fast_images", "seeded")
def test_kazakh_home_page_has_no_english_navigation(client):
    html = client.get("/kk/").content.decode()
    for label in NAV_LABELS["en"]:
        assert f">{label}</a>" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading"),
    [("kk", "Бет табылмады"), ("ru", "Страница не найдена"), ("en", "Page not found")],
)
def test_not_found_page_speaks_the_language_of_its_address(client, lang, heading):
    response = client.get(f"/{lang}/no-such-page-here/")
    assert response.status_code == 404
    assert heading in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "label"),
    [("kk", "Жаңалықтар"), ("ru", "Новости"), ("en", "News items")],
)
def test_admin_index_names_models_in_the_editors_language(admin_client, lang, label):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert f">{label}</a>" in response.content.decode()


# --- Kazakh grammar and terms (issue 11) ------------------------------------------------

UPSTREAM = LOCALE / "upstream"
KAZAKH_CATALOGS = [
    LOCALE / "kk" / "LC_MESSAGES" / "django.po",
    UPSTREAM / "kk" / "LC_MESSAGES" / "django.po",
    UPSTREAM / "kk" / "LC_MESSAGES" / "djangojs.po",
]
RUSSIAN_CATALOGS = [
    LOCALE / "ru" / "LC_MESSAGES" / "django.po",
    UPSTREAM / "ru" / "LC_MESSAGES" / "django.po",
    UPSTREAM / "ru" / "LC_MESSAGES" / "djangojs.po",
]
# A model name put before one of these verbs needs the accusative («жаңалықтарды жою»),
# which a placeholder cannot supply. "Add" takes an indefinite object, so «бір %s қосу»
# (nominative) is right and is not listed.
OBJECT_VERBS = (
    "жою",
    "жоюға",
    "өзгерту",
    "өзгертуге",
    "қарау",
    "таңдау",
    "таңдаңыз",
    "алып тастау",
    "қалпына келтіру",
    "сақтау",
    r"бұрынғы нұсқа\w*",
)
PLACEHOLDER_BEFORE_VERB = re.compile(
    rf"(?:{PLACEHOLDER.pattern})»? (?:{'|'.join(OBJECT_VERBS)})(?!\w)"
)
# A Kazakh numeral takes a singular noun: a count must not stand before a model name
# (which may be plural) or before a plural word.
COUNT_BEFORE_PLURAL = re.compile(
    r"%\((?:count|total_count|cnt|sel|counter|num|number)\)[ds] "
    rf"(?:{PLACEHOLDER.pattern}|\w+(?:лар|лер|дар|дер|тар|тер)(?!\w))"
)


def kazakh_grammar_problems(texts):
    return [
        text
        for text in texts
        if PLACEHOLDER_BEFORE_VERB.search(text) or COUNT_BEFORE_PLURAL.search(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Таңдалған %(verbose_name_plural)s жою",
        "%(count)d %(items)s сәтті жойылды.",
        "%s өзгерту",
        "%(object_name)s «%(escaped_object)s» жоюға сенімдісіз бе?",
        "%(count)d материалдар жарияланды.",
    ],
)
def test_grammar_check_catches_the_broken_patterns(text):
    assert kazakh_grammar_problems([text]) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Таңдалған жазбаларды жою (%(verbose_name_plural)s)",
        "Сәтті жойылды (%(items)s): %(count)d.",
        "Тағы бір %(verbose_name)s қосу",
        "%(count)d жаңалық жарияланды.",
    ],
)
def test_grammar_check_accepts_the_rewordings(text):
    assert kazakh_grammar_problems([text]) == []


@pytest.mark.parametrize("path", KAZAKH_CATALOGS, ids=lambda p: str(p.relative_to(LOCALE)))
def test_kazakh_catalog_has_no_placeholder_that_needs_a_case_ending(path):
    _header, *entries = parse_po(path)
    assert kazakh_grammar_problems([form for e in entries for form in e.forms]) == []


@pytest.mark.django_db
def test_kazakh_runtime_catalog_has_no_placeholder_that_needs_a_case_ending():
    # What the admin really uses: the project's and upstream catalogs over Django's own.
    from django.utils.translation import trans_real

    catalog_ = trans_real.translation("kk")._catalog
    texts = [catalog_[key] for key in {key for key, _value in catalog_.items()}]
    assert kazakh_grammar_problems(texts) == []


def test_kazakh_javascript_catalog_has_no_placeholder_that_needs_a_case_ending(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    script = admin_client.get("/admin/jsi18n/").content.decode()
    strings = javascript_catalog(script)
    assert "Барлығын таңдау (%s)" in strings
    assert kazakh_grammar_problems(strings) == []


def javascript_catalog(script):
    """Every translated string of the catalog that /admin/jsi18n/ serves."""
    catalog_ = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)[1])
    return [
        text
        for value in catalog_.values()
        for text in (value if isinstance(value, list) else [value])
    ]


BANNED_TERMS = {
    "kk": [
        "облыстық",  # «өңірлік ассамблея», the article's word
        "материал",  # a news item is «жаңалық»
        "халықтық дипломатия",  # «халық дипломатиясы»
        "тарихи жад",  # commemoration is «мерейтой»
        "хабар жолы",  # dateline city is «хабар берілген қала»
        "жад толып",  # a full disk is «диск толып қалды»
        "сервердегі жад",
        "объект ID",  # «объект идентификаторы»
        "ID-і",
    ],
    "ru": [
        "областн",  # «региональная ассамблея», as the article says
        "сохранение исторической памяти",  # commemoration is «юбилей»
        "место выпуска",  # «город, откуда передано сообщение»
    ],
}
REQUIRED_TERMS = {
    "kk": {
        "regional assembly": "өңірлік ассамблея",
        "people's diplomacy": "халық дипломатиясы",
        "association": "ассоциация",
        "commemoration": "мерейтой",
        "dateline city": "хабар берілген қала",
        "object id": "объект идентификаторы",
        "news item": "жаңалық",
    },
    "ru": {
        "regional assembly": "региональная ассамблея",
        "people's diplomacy": "народная дипломатия",
        "association": "ассоциация",
        "commemoration": "юбилей",
        "dateline city": "город, откуда передано сообщение",
    },
}
REQUIRED_PHRASES = {"kk": ["диск толып қалды"], "ru": ["на диске сервера нет места"]}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogs_use_one_term_for_one_thing(lang):
    paths = KAZAKH_CATALOGS if lang == "kk" else RUSSIAN_CATALOGS
    forms = [form for path in paths for e in parse_po(path)[1:] for form in e.forms]
    found = [(term, f) for term in BANNED_TERMS[lang] for f in forms if term in f.lower()]
    assert found == []
    _header, entries = catalog(lang)
    translated = {e.msgid: e.forms[0] for e in entries if e.msgctxt is None}
    for msgid, term in REQUIRED_TERMS[lang].items():
        assert translated[msgid] == term, msgid
    for phrase in REQUIRED_PHRASES[lang]:
        assert any(phrase in form for form in forms), phrase


# --- English left on Kazakh admin screens (issue 18, item 5) -----------------------------

ENGLISH_ON_ADMIN_SCREENS = [
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    ">Editors<",
    ">Translators<",
    "_topics object",
    "relationship",
    "байланыстары",
    "Forbidden",
    "Publication time",
    ">draft<",
    ">scheduled<",
]


def english_on(html):
    return [phrase for phrase in ENGLISH_ON_ADMIN_SCREENS if phrase in html]


@pytest.fixture
def kazakh_admin(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    return admin_client


def _kazakh_screens(admin_user):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from tests.factories import make_news_item, make_topic

    item = make_news_item()
    item.topics.add(make_topic(), make_topic())
    admin_user.groups.add(*Group.objects.all())
    editors = Group.objects.get(name="Editors")
    return {
        "news item form": reverse("admin:assembly_newsitem_change", args=(item.pk,)),
        "news item delete": reverse("admin:assembly_newsitem_delete", args=(item.pk,)),
        "news item history": reverse("admin:assembly_newsitem_history", args=(item.pk,)),
        "user form": reverse("admin:auth_user_change", args=(admin_user.pk,)),
        "user list": reverse("admin:auth_user_changelist"),
        "group list": reverse("admin:auth_group_changelist"),
        "group form": reverse("admin:auth_group_change", args=(editors.pk,)),
    }


@pytest.mark.django_db
def test_kazakh_admin_screens_show_no_english(kazakh_admin, admin_user):
    for screen, url in _kazakh_screens(admin_user).items():
        response = kazakh_admin.get(url)
        assert response.status_code == 200, screen
        html = response.content.decode()
        assert english_on(html) == [], screen


@pytest.mark.django_db
def test_user_page_names_groups_and_permissions_in_kazakh(kazakh_admin, admin_user):
    html = kazakh_admin.get(_kazakh_screens(admin_user)["user form"]).content.decode()
    assert ">Редакторлар<" in html and ">Аудармашылар<" in html
    assert "жаңалық | қосуға болады" in html
    assert "Жаңалықтарды жариялай алады" in html


@pytest.mark.django_db
def test_delete_confirmation_lists_no_link_rows(kazakh_admin, admin_user):
    response = kazakh_admin.get(_kazakh_screens(admin_user)["news item delete"])
    html = response.content.decode()
    assert "NewsItem_topics" not in html
    assert all("байланыс" not in str(name) for name in response.context["model_count"])
    assert "Жаңалықтар" in html or "жаңалық" in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading"), [("kk", "Кіруге рұқсат жоқ"), ("ru", "Доступ запрещён")]
)
def test_forbidden_page_speaks_the_admins_language(client, lang, heading):
    from tests.admin_helpers import make_staff

    client.force_login(make_staff("no-rights"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get("/admin/assembly/newsitem/add/")
    assert response.status_code == 403
    html = response.content.decode()
    assert heading in html
    assert "Forbidden" not in html


@pytest.mark.django_db
def test_csrf_failure_page_speaks_kazakh():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Forbidden" not in html
    assert "CSRF" not in html
    assert "<h1>Пішін жіберілмеді</h1>" in html


PROSE_EDITOR_TOOLBAR = [
    "Heading %s",
    "Paragraph",
    "bold",
    "italic",
    "insert link",
    "Insert table",
    "ordered list",
    "unordered list",
    "undo",
    "redo",
]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_rich_text_toolbar_strings_are_in_the_admins_javascript_catalog(admin_client, lang):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    script = admin_client.get("/admin/jsi18n/").content.decode()
    catalog_ = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)[1])
    missing = [s for s in PROSE_EDITOR_TOOLBAR if s not in catalog_ or catalog_[s] == s]
    assert missing == []


@pytest.mark.django_db
def test_news_form_loads_the_toolbar_translation_after_the_catalog(kazakh_admin):
    from django.urls import reverse

    from tests.factories import make_news_item

    item = make_news_item()
    html = kazakh_admin.get(
        reverse("admin:assembly_newsitem_change", args=(item.pk,))
    ).content.decode()
    assert html.index("/admin/jsi18n/") < html.index("prose-editor-i18n.js")


GENDERED_AFTER_MODEL_NAME = re.compile(
    # «{name} “{obj}” был изменен»: a participle after the model name and its object.
    r"(?:\{name\}|%\((?:name|verbose_name|object_name)\)s)\s+(?:[«“\"][^»”“\"]*[»”“\"]\s+)?"
    r"(?:был|успешно |удал|измен|добавл)",
    re.IGNORECASE,
)


@pytest.mark.django_db
def test_russian_admin_messages_do_not_agree_in_gender_with_a_model_name():
    # «Новость “…“ был изменен»: the model name's gender is unknown to the message.
    from django.utils.translation import trans_real

    catalog_ = trans_real.translation("ru")._catalog
    texts = [catalog_[key] for key in {key for key, _value in catalog_.items()}]
    wrong = [text for text in texts if GENDERED_AFTER_MODEL_NAME.search(text)]
    assert wrong == []
    assert "удаленный" not in catalog_["Recover deleted %(name)s"].lower()
