"""Which languages an object exists in, and its address in each of them."""

from django.conf import settings
from django.utils import translation

# Open Graph wants a territory; en_GB because the site writes British English.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

# Fields that must be filled in a language for an object to count as written in it.
REQUIRED_FIELDS = {"newsitem": ("title", "lead", "body")}
DEFAULT_REQUIRED_FIELDS = ("name",)


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def default_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def is_written_in(obj, lang):
    fields = REQUIRED_FIELDS.get(obj._meta.model_name, DEFAULT_REQUIRED_FIELDS)
    return all((getattr(obj, f"{field}_{lang}", None) or "").strip() for field in fields)


def available_languages(obj):
    return [lang for lang in language_codes() if is_written_in(obj, lang)]


def url_in(obj, lang):
    """``obj``'s address in ``lang``: that language's slug, or the Kazakh one it falls back to."""
    with translation.override(lang):
        return obj.get_absolute_url()
