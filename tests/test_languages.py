"""The language rules' one home (assembly/languages.py) and the declarations it reads."""

import pytest
from django.test import override_settings

from assembly import languages
from assembly.models import NewsItem, Topic
from assembly.models.news import INDEXED_REQUIRED_FIELDS

from .factories import make_news_item, make_topic

# Text that str.strip() empties, and text that it does not.
BLANK = ["", " ", "   ", "\t\n", "\xa0", "\u3000", "\u2009 \u202f", "\x1c\x85"]
WRITTEN = ["a", " a ", "\xa0Абай\xa0", "ә", "0", "\u200b"]


@pytest.mark.parametrize("value", BLANK)
def test_whitespace_only_text_is_not_written(db, value):
    topic = make_topic(description_ru=value)

    assert not languages.is_filled(topic.description_ru)
    assert not Topic.objects.filter(languages.filled("description", "ru")).exists()
    assert Topic.objects.exclude(languages.filled("description", "ru")).get() == topic


@pytest.mark.parametrize("value", WRITTEN)
def test_text_with_a_letter_is_written(db, value):
    topic = make_topic(description_ru=value)

    assert languages.is_filled(topic.description_ru)
    assert Topic.objects.filter(languages.filled("description", "ru")).get() == topic


def test_a_missing_value_is_not_written(db):
    topic = make_topic(description_ru=None)

    assert not languages.is_filled(topic.description_ru)
    assert not Topic.objects.filter(languages.filled("description", "ru")).exists()
    assert Topic.objects.exclude(languages.filled("description", "ru")).get() == topic


def test_news_with_a_blank_russian_title_is_not_listed_in_russian(client, db):
    blank = make_news_item(title_ru="\xa0 ", lead_ru="Кратко", body_ru="<p>Текст</p>")
    make_news_item(title_ru="Новость по-русски", lead_ru="Кратко", body_ru="<p>Текст</p>")

    assert not languages.is_written_in(blank, "ru")
    page = client.get("/ru/news/").content.decode()
    assert "Новость по-русски" in page
    assert f"/news/{blank.slug_kk}/" not in page
    assert f"/news/{blank.slug_kk}/" in client.get("/kk/news/").content.decode()


def test_written_in_agrees_with_is_written_in_for_every_content_language(db):
    items = [
        make_news_item(),
        make_news_item(title_ru="Заголовок", lead_ru="Кратко", body_ru="<p>Текст</p>"),
        make_news_item(title_en="Title", lead_en=" ", body_en="<p>Text</p>"),
    ]
    for lang in languages.content_languages():
        in_python = {item.pk for item in items if languages.is_written_in(item, lang)}
        in_sql = set(
            NewsItem.objects.filter(languages.written_in(NewsItem, lang)).values_list(
                "pk", flat=True
            )
        )
        assert in_python == in_sql, lang


def test_news_list_indexes_hold_the_declared_required_fields():
    assert INDEXED_REQUIRED_FIELDS == languages.required_fields(NewsItem)
    index_names = {index.name for index in NewsItem._meta.indexes}
    for lang in languages.content_languages():
        assert f"news_public_{lang}_idx" in index_names


def test_source_language_comes_first_and_variants_have_no_columns():
    languages_setting = [("en", "English"), ("kk", "Kazakh"), ("kk-xx", "Kazakh X"), ("ru", "R")]
    with override_settings(
        LANGUAGE_CODE="kk", LANGUAGES=languages_setting, SCRIPT_VARIANTS={"kk-xx": "kk"}
    ):
        assert languages.source_language() == "kk"
        assert languages.content_languages() == ["kk", "en", "ru"]
        assert languages.translation_languages() == ["en", "ru"]
        assert languages.reading_languages() == ["en", "kk", "kk-xx", "ru"]
        assert languages.content_language_of("kk-xx") == "kk"
        assert languages.content_language_of("ru") == "ru"


def test_every_translated_model_declares_what_its_fields_count_for():
    for model in languages.translated_models():
        fields = set(languages.translated_fields(model))
        assert languages.title_field(model) in fields, model
        assert languages.required_fields(model), model
        assert set(languages.required_fields(model)) <= fields, model
        assert set(languages.tracked_fields(model)) <= fields, model
        assert set(languages.searched_fields(model)) <= fields, model
        searched = languages.searched_fields(model)
        assert not searched or searched[0] == languages.title_field(model), model


def test_the_source_language_is_required_by_modeltranslation_too(admin_client):
    response = admin_client.post(
        "/admin/assembly/topic/add/", {"name_kk": " ", "name_ru": "Тема", "name_en": "Topic"}
    )

    assert response.status_code == 200
    assert not Topic.objects.exists()
