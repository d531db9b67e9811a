import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from assembly.models import (
    Initiative,
    Institution,
    KeyFigure,
    NewsItem,
    Region,
    SeedRecord,
    Topic,
)
from assembly.seeding import SEED_DIR

pytestmark = pytest.mark.django_db

LANGS = ("kk", "ru", "en")
SHARED_ARTICLE = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / ("kazinform-2025-12-19.kk.txt")
)
RECORDS = json.loads((SEED_DIR / "records.json").read_text(encoding="utf-8"))


def article():
    return NewsItem.objects.get(seed_key="kazinform-2025-12-19")


def test_project_copy_of_the_article_is_verbatim():
    copy = (SEED_DIR / "article.kk.txt").read_bytes()
    if SHARED_ARTICLE.exists():
        assert copy == SHARED_ARTICLE.read_bytes()
    assert "Қазақстандықтардың 95% астамы" in copy.decode("utf-8")


def test_seed_article_is_a_published_featured_kazinform_item(seeded):
    item = article()
    assert item.is_public
    assert item.featured
    assert item.source_name == "Kazinform"
    assert item.source_date.isoformat() == "2025-12-19"
    assert (item.dateline_kk, item.dateline_ru, item.dateline_en) == ("Астана", "Астана", "Astana")
    assert item.title_kk.startswith("Қазақстандықтардың 95% астамы")


def test_kazakh_body_keeps_every_paragraph_with_the_typing_slips_split(seeded):
    body = article().body_kk
    source = (SEED_DIR / "article.kk.txt").read_text(encoding="utf-8").splitlines()
    assert body.count("<p>") == len(source) - 2
    assert "оқиғалармен ғана" in body
    assert "өкілдерін біріктіретін" in body
    assert "Париждегі ЮНЕСКО штаб-пәтерінде" in body


@pytest.mark.parametrize("lang", LANGS)
def test_article_is_filled_in_every_language(seeded, lang):
    item = article()
    for field in ("title", "slug", "lead", "body", "dateline", "hero_alt", "hero_caption"):
        assert getattr(item, f"{field}_{lang}"), f"{field}_{lang} is empty"
    assert NewsItem.objects.translated_into(lang).filter(pk=item.pk).exists()


def test_article_has_a_generated_hero_image(seeded):
    item = article()
    assert item.hero_image.name.endswith(".png")
    assert item.hero_image.width == 1600
    assert item.hero_image.height == 900


def test_every_named_body_and_project_is_a_linked_record(seeded):
    item = article()
    assert item.institutions.count() == len(RECORDS["institutions"])
    assert item.initiatives.count() == len(RECORDS["initiatives"])
    assert item.topics.count() == len(RECORDS["topics"])
    assert set(item.regions.values_list("code", flat=True)) == set(RECORDS["news_item"]["regions"])
    assert Institution.objects.filter(name_kk="Қазақстан халқы Ассамблеясы").exists()
    assert (
        Institution.objects.filter(
            status=Institution.Status.UNDER_CONSTRUCTION, construction_since=2025
        ).count()
        == 3
    )


@pytest.mark.parametrize("model", [Institution, Initiative, Topic])
@pytest.mark.parametrize("lang", LANGS)
def test_seeded_records_have_names_and_slugs_in_every_language(seeded, model, lang):
    for obj in model.objects.all():
        assert getattr(obj, f"name_{lang}"), obj.seed_key
        assert getattr(obj, f"slug_{lang}"), obj.seed_key


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_of_the_article_is_a_key_figure_in_every_language(seeded, lang):
    figures = KeyFigure.objects.filter(news_item=article())
    assert figures.count() == len(RECORDS["key_figures"])
    first = figures.first()
    assert first.display_value == "95"
    assert first.qualifier == KeyFigure.Qualifier.MORE_THAN
    assert all(getattr(figure, f"label_{lang}") for figure in figures)


def test_loading_twice_creates_nothing_new(seeded):
    counts = [m.objects.count() for m in (NewsItem, Institution, Initiative, KeyFigure, Topic)]
    call_command("load_seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == [
        m.objects.count() for m in (NewsItem, Institution, Initiative, KeyFigure, Topic)
    ]


def test_loading_again_keeps_an_editors_changes_and_deletions(seeded):
    assembly = Institution.objects.get(seed_key="apk")
    assembly.name_en = "Edited by an editor"
    assembly.save()
    item = article()
    removed_topic = item.topics.first()
    item.topics.remove(removed_topic)
    deleted_key = KeyFigure.objects.last().seed_key
    KeyFigure.objects.filter(seed_key=deleted_key).delete()

    call_command("load_seed_content", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Institution.objects.get(seed_key="apk").name_en == "Edited by an editor"
    assert removed_topic not in article().topics.all()
    assert not KeyFigure.objects.filter(seed_key=deleted_key).exists()
    assert SeedRecord.objects.filter(key=f"keyfigure:{deleted_key}").exists()


# --- Facts: the site states only what the article states (issue 11) ------------------------

SEED_TEXTS = [
    (group, row["key"], field, lang, row[field][lang])
    for group in ("institutions", "initiatives", "key_figures", "topics")
    for row in RECORDS[group]
    for field in ("name", "summary", "description", "unit", "label")
    if isinstance(row.get(field), dict)
    for lang in LANGS
]


def seed_texts(lang):
    article_text = (SEED_DIR / f"article.{lang}.txt").read_text(encoding="utf-8")
    return [("article", lang, article_text)] + [
        (f"{group} {key} {field}", lang, text)
        for group, key, field, text_lang, text in SEED_TEXTS
        if text_lang == lang
    ]


def page_text(response):
    assert response.status_code == 200
    html = response.content.decode()
    return re.sub(r"[ \t\n\xa0]+", " ", re.sub(r"<[^>]+>", "", html))


def test_russian_article_gives_abai_region_its_official_name(seeded):
    phrase = "в Кызылординской и Атырауской областях и области Абай началось строительство"

    assert phrase in (SEED_DIR / "article.ru.txt").read_text(encoding="utf-8")
    assert phrase in article().body_ru


def test_no_seed_text_calls_abai_region_abaiskaya():
    wrong = [where for where, _lang, text in seed_texts("ru") if "Абайск" in text]

    assert wrong == []


def test_abai_region_page_shows_its_official_russian_name(client, seeded):
    abai = Region.objects.get(code="abai")

    text = page_text(client.get(f"/ru/regions/{abai.code}/"))

    assert abai.name_ru == "Область Абай"
    assert "Область Абай" in text
    assert "Абайская" not in text


# Every count an institution or initiative page shows, as the article gives it.
COUNTS_ON_PAGES = [
    (
        Institution,
        "ethnocultural-associations",
        "Units",
        ("1000-нан астам", "более 1000", "more than 1,000"),
    ),
    (
        Institution,
        "assembly-jastary",
        "Members",
        ("10 000-нан астам", "более 10 000", "more than 10,000"),
    ),
    (Institution, "ethnic-media", "Units", ("50-ден астам", "более 50", "more than 50")),
    (Institution, "journalists-club", "Members", ("шамамен 500", "около 500", "about 500")),
    (
        Institution,
        "creative-groups-association",
        "Ensembles",
        ("170-тен астам", "более 170", "more than 170"),
    ),
    (
        Initiative,
        "apk-30th-anniversary",
        "Participants",
        ("3 000 000-нан астам", "более 3 000 000", "more than 3,000,000"),
    ),
    (Institution, "friendship-houses", "Units", ("32", "32", "32")),
    (Institution, "ethnic-media", "Languages of publication", ("11", "11", "11")),
]


def facts_of(client, obj, lang):
    """{term: definition} of the page's facts list, as a reader reads it."""
    with translation.override(lang):
        url = obj.get_absolute_url()
    html = client.get(url).content.decode()
    facts = re.search(r'<dl class="facts">(.*?)</dl>', html, re.S).group(1)
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", facts, re.S)
    return {
        re.sub(r"<[^>]+>", "", term): re.sub(r"<[^>]+>", "", value).replace("\xa0", " ")
        for term, value in pairs
    }


@pytest.mark.parametrize(("model", "key", "term", "shown"), COUNTS_ON_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_counts_on_pages_say_what_the_article_says(client, seeded, lang, model, key, term, shown):
    obj = model.objects.get(seed_key=key)
    with translation.override(lang):
        term = translation.gettext(term)

    value = facts_of(client, obj, lang)[term]

    assert value.split(" (")[0] == shown[LANGS.index(lang)]


def test_every_count_a_page_shows_has_its_qualifier_in_the_records():
    counts = [
        (row["key"], field)
        for group in ("institutions", "initiatives")
        for row in RECORDS[group]
        for field, value in row.items()
        if field.endswith("_count") and value is not None
    ]
    without = [
        (key, field)
        for key, field in counts
        if field.replace("_count", "_qualifier") not in row_of(key)
    ]

    assert len(counts) >= 10
    assert without == []


def row_of(key):
    return next(
        row
        for group in ("institutions", "initiatives")
        for row in RECORDS[group]
        if row["key"] == key
    )


FRIENDSHIP_HOUSE = re.compile(r"Достық үй|Дом\w* дружбы|Friendship House", re.I)
# The article names Friendship Houses once: 32 of them work in the regions.
ABOUT_FRIENDSHIP_HOUSES = {"friendship-houses"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_record_claims_friendship_houses_the_article_does_not_name(lang):
    claims = [
        where
        for where, _lang, text in seed_texts(lang)[1:]
        if FRIENDSHIP_HOUSE.search(text) and where.split()[1] not in ABOUT_FRIENDSHIP_HOUSES
    ]

    assert claims == []


def test_new_facilities_are_what_the_article_says_and_no_more(client, seeded):
    facilities = Institution.objects.filter(status=Institution.Status.UNDER_CONSTRUCTION)
    figure = KeyFigure.objects.get(seed_key="new-friendship-houses")

    regions = sorted(facilities.values_list("region__code", flat=True))

    assert regions == ["abai", "atyrau", "kyzylorda"]
    for facility in facilities:
        assert facility.kind == Institution.Kind.FACILITY
        assert facility.parent is None
        assert "жаңа нысандардың құрылысы 2025 жылы басталды" in facility.description_kk
    houses = Institution.objects.filter(kind=Institution.Kind.FRIENDSHIP_HOUSE)
    assert list(houses.values_list("seed_key", flat=True)) == ["friendship-houses"]
    assert (figure.display_value, figure.unit_en) == ("3", "regions")
    assert "construction of new facilities began in 2025" in figure.label_en
    abai = facilities.get(region__code="abai")
    html = client.get(f"/kk/institutions/{abai.slug_kk}/").content.decode()
    assert '<p class="eyebrow">Нысан</p>' in html
    assert "<h1>Абай облысындағы жаңа нысандар</h1>" in html


def test_conference_has_no_start_year_the_article_does_not_give(seeded):
    conference = Initiative.objects.get(seed_key="apk-30th-anniversary-conference")

    assert conference.start_year is None


COMMENTARY = re.compile(
    r"мақала|айтылды|аталды|бағаланды|стать[еяи]|сообщается|упоминается|названо"
    r"|\barticle\b|\bmentioned\b|\bmentions\b|\bcited\b|described as",
    re.I,
)


@pytest.mark.parametrize("lang", LANGS)
def test_descriptions_are_reference_text_not_talk_about_the_article(lang):
    talk = [
        where
        for where, _lang, text in seed_texts(lang)[1:]
        if where.split()[2] in ("summary", "description") and COMMENTARY.search(text)
    ]

    assert talk == []


PLURAL = re.compile(r"(лар|лер|дар|дер|тар|тер)(ы|і)?$")


def test_a_kazakh_numeral_takes_a_singular_noun():
    """The noun a figure counts is the unit's last word, or the label's first one."""
    counted = {}
    for row in RECORDS["key_figures"]:
        unit, label = row["unit"]["kk"], row["label"]["kk"]
        words = unit.split() if unit not in ("", "%") else label.split()[:1]
        counted[row["key"]] = words[-1]

    assert counted["stable-interethnic-relations"] == "азамат"
    assert [key for key, noun in counted.items() if PLURAL.search(noun)] == []


def test_kazakh_home_page_reads_more_than_95_percent_of_citizens_in_the_singular(client, seeded):
    text = page_text(client.get("/kk/"))

    assert "95%-дан астам азамат елдегі" in text
    assert "азаматтар елдегі" not in text


# --- English and Russian wording of the content (issue 11) ----------------------------------


def test_english_texts_call_the_youth_wing_assembly_youth():
    mixed = [where for where, _lang, text in seed_texts("en") if "Assembly Jastary" in text]
    named = [where for where, _lang, text in seed_texts("en") if "Assembly Youth" in text]

    assert mixed == []
    assert "article" in named
    assert "institutions assembly-jastary name" in named


def test_english_lead_speaks_of_a_sociological_survey(seeded):
    assert "2025 sociological survey" in article().lead_en
    assert "social survey" not in (SEED_DIR / "article.en.txt").read_text(encoding="utf-8")


def test_russian_figure_names_the_languages_ethnic_papers_come_out_in(client, seeded):
    media = Institution.objects.get(seed_key="ethnic-media")

    text = page_text(client.get(f"/ru/institutions/{media.slug_ru}/"))

    assert "11 языков, на которых выходят этнические газеты и журналы" in text
    assert "выпуска" not in text


def test_russian_field_label_for_the_year_construction_began():
    field = Institution._meta.get_field("construction_since")

    with translation.override("ru"):
        assert str(field.verbose_name) == "год начала строительства"


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("kk", "95%-дан астам азамат елдегі"),
        ("ru", "более 95% граждан считают"),
        ("en", "more than 95% of citizens consider"),
    ],
)
def test_a_key_figure_is_named_with_its_qualifier_as_pages_write_it(seeded, lang, name):
    figure = KeyFigure.objects.get(seed_key="stable-interethnic-relations")

    with translation.override(lang):
        assert str(figure).startswith(name)
