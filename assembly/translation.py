from modeltranslation.translator import TranslationOptions, register

from . import languages
from .models import Initiative, Institution, KeyFigure, NewsItem, Region, Topic

EMPTY_SLUG = {"slug": None}


class ContentTranslationOptions(TranslationOptions):
    """Translation options that also say what each field counts for.

    ``title`` names a record; ``required`` must be filled in a language for a record to count
    as written in it (and in the source language for it to be saved at all); ``tracked``
    decides whether a translation is complete, missing or outdated; ``searched`` is what
    search reads. assembly/languages.py reads these; nothing else keeps its own list.
    Languages other than the source fall back to it (MODELTRANSLATION_FALLBACK_LANGUAGES).
    """

    title = "name"
    required = ("name",)
    tracked = ()
    searched = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.required_languages = {languages.source_language(): tuple(cls.required)}


@register(NewsItem)
class NewsItemTranslationOptions(ContentTranslationOptions):
    fields = (
        "title",
        "slug",
        "lead",
        "body",
        "hero_alt",
        "hero_caption",
        "hero_credit",
        "dateline",
    )
    empty_values = EMPTY_SLUG
    title = "title"
    # models/news.py's partial indexes state the same three (tests/test_languages.py).
    required = ("title", "lead", "body")
    tracked = ("title", "lead", "body", "hero_alt", "hero_caption")
    searched = ("title", "lead", "body", "dateline")


@register(Initiative)
class InitiativeTranslationOptions(ContentTranslationOptions):
    fields = ("name", "slug", "summary", "description", "image_alt")
    empty_values = EMPTY_SLUG
    tracked = ("name", "summary", "description", "image_alt")
    searched = ("name", "summary", "description")


@register(Institution)
class InstitutionTranslationOptions(ContentTranslationOptions):
    fields = ("name", "slug", "description", "address", "publication_languages", "image_alt")
    empty_values = EMPTY_SLUG
    tracked = ("name", "description", "address", "image_alt")
    searched = ("name", "description", "address", "publication_languages")


@register(Topic)
class TopicTranslationOptions(ContentTranslationOptions):
    fields = ("name", "slug", "description")
    empty_values = EMPTY_SLUG
    tracked = ("name", "description")


@register(Region)
class RegionTranslationOptions(ContentTranslationOptions):
    fields = ("name",)
    tracked = ("name",)


@register(KeyFigure)
class KeyFigureTranslationOptions(ContentTranslationOptions):
    fields = ("unit", "label")
    title = "label"
    required = ("label",)
