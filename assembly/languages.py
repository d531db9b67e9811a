"""The one home of the language rules: which languages there are, what "written in" means,
what each translated field counts for, and an object's address in each language.

Languages are declared in config/settings.py only: ``LANGUAGE_CODE`` is the source language
editors write first, ``LANGUAGES`` every language a reader can choose, and ``SCRIPT_VARIANTS``
the reading variants among them that show a content language's text in another script
(variant -> content language). Content languages are the others; each has database columns.

What each translated field counts for (required, tracked for translation, searched, title) is
declared beside the model's translation options in assembly/translation.py; the functions
below read those declarations.
"""

from django.conf import settings
from django.db.models import Q
from django.utils import translation

# Open Graph wants a territory; en_GB because the site writes British English.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}

# What str.strip() strips: text made only of these is empty. The database condition trims
# the same characters (models/lookups.py), so the two spellings of "filled" agree.
WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


# --- Which languages -----------------------------------------------------------------


def source_language():
    return settings.LANGUAGE_CODE


def reading_languages():
    """Every language a reader can choose, script variants included, in settings order."""
    return [code for code, _name in settings.LANGUAGES]


def content_languages():
    """The languages with database columns, the source language first."""
    variants = settings.SCRIPT_VARIANTS
    others = [code for code in reading_languages() if code not in variants]
    return [source_language(), *(code for code in others if code != source_language())]


def translation_languages():
    """The content languages translated from the source language."""
    return content_languages()[1:]


def content_language_of(code):
    """The content language whose text ``code`` shows: a variant's language, or itself."""
    return settings.SCRIPT_VARIANTS.get(code, code)


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


def content_language_choices():
    """(code, name) of the content languages: the languages the admin is offered in."""
    return [(code, language_name(code)) for code in content_languages()]


# --- Written in a language -----------------------------------------------------------


def is_filled(value):
    """The Python spelling of "filled": some text besides whitespace."""
    return bool(value) and bool(str(value).strip())


def filled(field, lang):
    """Q: ``field`` is filled in ``lang``, in the same sense as is_filled()."""
    return Q(**{f"{field}_{lang}__filled": True})


def is_written_in(obj, lang):
    lang = content_language_of(lang)
    return all(is_filled(getattr(obj, f"{f}_{lang}", None)) for f in required_fields(type(obj)))


def written_in(model, lang):
    """Q: the objects of ``model`` that is_written_in() ``lang``."""
    lang = content_language_of(lang)
    return Q(*(filled(field, lang) for field in required_fields(model)))


def available_languages(obj):
    """The reading languages whose text ``obj`` has."""
    return [code for code in reading_languages() if is_written_in(obj, code)]


# --- What each translated field counts for (declared in assembly/translation.py) ----------


def _options(model):
    from modeltranslation.translator import NotRegistered, translator

    try:
        return translator.get_options_for_model(model)
    except NotRegistered:
        return None


def translated_models():
    """The models with translated fields, in the order translation.py registers them."""
    from modeltranslation.translator import translator

    return translator.get_registered_models(abstract=False)


def tracked_models():
    return [model for model in translated_models() if tracked_fields(model)]


def searched_models():
    return [model for model in translated_models() if searched_fields(model)]


def is_tracked(model):
    return bool(tracked_fields(model))


def translated_fields(model):
    options = _options(model)
    return tuple(options.fields) if options else ()


def required_fields(model):
    """The fields a record needs in a language to count as written in it."""
    options = _options(model)
    return tuple(options.required) if options else ()


def tracked_fields(model):
    """The fields whose translation decides whether a language is complete or outdated."""
    options = _options(model)
    return tuple(options.tracked) if options else ()


def searched_fields(model):
    """The fields search reads, title first."""
    options = _options(model)
    if not options or not options.searched:
        return ()
    return (options.title, *(f for f in options.searched if f != options.title))


def title_field(model):
    options = _options(model)
    return options.title if options else None


# --- Addresses -------------------------------------------------------------------------


def url_in(obj, lang):
    """``obj``'s address in ``lang``: that language's slug, or the source one it falls back to."""
    with translation.override(lang):
        return obj.get_absolute_url()


def language_tag(code):
    """``code`` as HTML's lang and hreflang write it (BCP 47): "kk-latn" -> "kk-Latn"."""
    if code not in reading_languages():
        return code  # "x-default" and the like
    return translation.to_locale(code).replace("_", "-")
