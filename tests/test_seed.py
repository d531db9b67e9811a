import json
from pathlib import Path

import pytest
from django.core.management import call_command

from assembly.models import Initiative, Institution, KeyFigure, NewsItem, SeedRecord, Topic
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
