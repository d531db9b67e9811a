from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from assembly.models import Institution, NewsItem, Region

from .factories import make_institution, make_news_item

pytestmark = pytest.mark.django_db


def test_kazakh_slug_is_ascii_and_made_from_the_kazakh_title():
    item = make_news_item(title_kk="Қазақстан халқы Ассамблеясы")
    assert item.slug_kk == "qazaqstan-halqy-assambleiasy"


def test_russian_slug_is_made_from_the_russian_title():
    item = make_news_item(title_ru="Ассамблея народа Казахстана")
    assert item.slug_ru == "assambleia-naroda-kazakhstana"


def test_missing_translation_stores_null_slug_not_empty_string():
    item = make_news_item()
    item.refresh_from_db()
    assert item.slug_en is None
    assert NewsItem.objects.filter(slug_en__isnull=True, pk=item.pk).exists()


def test_same_title_gets_a_numbered_slug_in_the_same_language():
    first = make_news_item(title_kk="Достық үйі")
    second = make_news_item(title_kk="Достық үйі")
    assert first.slug_kk == "dostyq-uii"
    assert second.slug_kk == "dostyq-uii-2"


def test_database_refuses_duplicate_slug_in_one_language():
    first = make_news_item()
    second = make_news_item()
    second.slug_kk = first.slug_kk
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItem.objects.filter(pk=second.pk).update(slug_kk=first.slug_kk)


def test_same_slug_may_be_used_in_two_different_languages():
    make_news_item(title_kk="Astana", slug_kk="astana")
    other = make_news_item(title_ru="Астана", slug_ru="astana")
    assert other.slug_ru == "astana"


def test_editor_slug_is_kept():
    item = make_news_item(slug_kk="menin-slugym")
    assert item.slug_kk == "menin-slugym"


@pytest.mark.parametrize(
    ("status", "offset", "public"),
    [
        (NewsItem.Status.PUBLISHED, -1, True),
        (NewsItem.Status.PUBLISHED, +1, False),
        (NewsItem.Status.SCHEDULED, -1, True),
        (NewsItem.Status.SCHEDULED, +1, False),
        (NewsItem.Status.DRAFT, -1, False),
        (NewsItem.Status.UNPUBLISHED, -1, False),
    ],
)
def test_published_queryset_follows_status_and_time(status, offset, public):
    item = make_news_item(status=status, published_at=timezone.now() + timedelta(hours=offset))
    assert NewsItem.objects.published().filter(pk=item.pk).exists() is public
    assert item.is_public is public


def test_scheduled_item_goes_live_when_its_time_comes():
    soon = timezone.now() + timedelta(minutes=5)
    item = make_news_item(status=NewsItem.Status.SCHEDULED, published_at=soon)
    assert not NewsItem.objects.published().filter(pk=item.pk).exists()
    NewsItem.objects.filter(pk=item.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert NewsItem.objects.published().filter(pk=item.pk).exists()


def test_public_item_needs_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItem.objects.create(
            title_kk="Уақытсыз",
            lead_kk="Л",
            body_kk="<p>М</p>",
            status=NewsItem.Status.PUBLISHED,
            published_at=None,
        )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_body_is_sanitized_when_saved_in_every_language(lang):
    item = make_news_item(
        **{
            f"title_{lang}": "Т",
            f"lead_{lang}": "Л",
            f"body_{lang}": '<p onclick="x()">Мәтін</p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">сілтеме</a>',
        }
    )
    item.refresh_from_db()
    body = getattr(item, f"body_{lang}")
    assert "<script" not in body
    assert "onclick" not in body
    assert "javascript:" not in body
    assert "Мәтін" in body


def test_missing_translation_falls_back_to_kazakh():
    item = make_news_item(title_kk="Қазақша тақырып")
    with translation.override("en"):
        assert NewsItem.objects.get(pk=item.pk).title == "Қазақша тақырып"


def test_translated_into_needs_title_lead_and_body_in_that_language():
    complete = make_news_item(title_ru="Заголовок", lead_ru="Лид", body_ru="<p>Текст</p>")
    partial = make_news_item(title_ru="Только заголовок")
    ids = set(NewsItem.objects.translated_into("ru").values_list("pk", flat=True))
    assert complete.pk in ids
    assert partial.pk not in ids


def test_regions_are_the_17_regions_and_3_cities_in_three_languages():
    assert Region.objects.filter(kind=Region.Kind.REGION).count() == 17
    assert Region.objects.filter(kind=Region.Kind.CITY).count() == 3
    for region in Region.objects.all():
        assert region.name_kk and region.name_ru and region.name_en
    assert Region.objects.get(code="turkistan").name_kk == "Түркістан облысы"


def test_institution_under_construction_keeps_its_start_year():
    house = make_institution(status=Institution.Status.UNDER_CONSTRUCTION, construction_since=2025)
    with translation.override("en"):
        assert house.get_status_display() == "under construction"
    with translation.override("kk"):
        assert house.get_status_display() == "салынып жатыр"


def test_operating_institution_cannot_be_under_construction_since_a_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_institution(status=Institution.Status.OPERATING, construction_since=2025)
