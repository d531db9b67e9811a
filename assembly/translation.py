from modeltranslation.translator import TranslationOptions, register

from .models import Initiative, Institution, KeyFigure, NewsItem, Region, Topic

# Kazakh is the default language and must always be filled; ru and en are optional and
# fall back to Kazakh (MODELTRANSLATION_FALLBACK_LANGUAGES).
EMPTY_SLUG = {"slug": None}


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description")
    required_languages = {"kk": ("name",)}
    empty_values = EMPTY_SLUG


@register(Institution)
class InstitutionTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description", "address", "publication_languages", "image_alt")
    required_languages = {"kk": ("name",)}
    empty_values = EMPTY_SLUG


@register(Initiative)
class InitiativeTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "summary", "description", "image_alt")
    required_languages = {"kk": ("name",)}
    empty_values = EMPTY_SLUG


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
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
    required_languages = {"kk": ("title", "lead", "body")}
    empty_values = EMPTY_SLUG


@register(KeyFigure)
class KeyFigureTranslationOptions(TranslationOptions):
    fields = ("unit", "label")
    required_languages = {"kk": ("label",)}
