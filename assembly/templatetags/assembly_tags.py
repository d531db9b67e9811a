from datetime import datetime

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import get_language_info

from assembly import images, languages, numbers, structured_data, typography
from assembly.mentions import by_first_mention

register = template.Library()


@register.filter
def language_tag(code):
    """A language code as lang and hreflang attributes write it: "kk-latn" -> "kk-Latn"."""
    return languages.language_tag(code)


# Dates are written by Django's `date` filter with the named formats of config/formats/
# (DATE_FORMAT, YEAR_MONTH_FORMAT), which the admin reads too.


@register.simple_tag
def content_languages():
    """The content languages' codes: the languages the admin is offered in."""
    return languages.content_languages()


@register.filter
def iso_datetime(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value.isoformat() if value else ""


@register.filter
def json_ld(data):
    return structured_data.json_ld_script(data)


@register.simple_tag
def responsive_image(image, alt, sizes, loading="lazy", css_class="", priority=False):
    """A <picture> with WebP and JPEG srcsets; nothing when the image is missing."""
    rendered = images.responsive_image(image)
    if rendered is None:
        return ""
    return render_to_string(
        "includes/picture.html",
        {
            "image": rendered,
            "webp_srcset": rendered.srcset("image/webp"),
            "jpeg_srcset": rendered.srcset("image/jpeg"),
            "alt": alt,
            "sizes": sizes,
            "loading": loading,
            "css_class": css_class,
            "priority": priority,
        },
    )


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each language: code, local name, URL, and whether it exists."""
    request = context.get("request")
    current = translation.get_language()
    available = context.get("available_languages") or languages.reading_languages()
    obj = context.get("object")
    versions = []
    for code in languages.reading_languages():
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": _url_in(request, obj, code),
                "available": code in available,
                "current": code == current,
                # Open Graph has no scripts: the Latin reading is its content language's locale.
                "og_locale": languages.OG_LOCALES.get(languages.content_language_of(code), code),
                "og_alternate": code in available
                and code in languages.content_languages()
                and code != languages.content_language_of(current),
                "tag": languages.language_tag(code),
            }
        )
    return versions


def _url_in(request, obj, lang):
    if obj is not None and hasattr(obj, "get_absolute_url"):
        return languages.url_in(obj, lang)
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name or match.view_name.startswith("admin:"):
        with translation.override(lang):
            return reverse("assembly:home")
    try:
        with translation.override(lang):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        with translation.override(lang):
            return reverse("assembly:home")
    query = request.GET.copy()
    query.pop("page", None)
    return f"{url}?{query.urlencode()}" if query else url


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url = f"{url}?page={int(page)}"
    return url


@register.filter
def static_url(path):
    return static(path)


# 1000 -> "1000" in kk and ru, "1,000" in English (assembly/numbers.py).
figure_number = register.filter("figure_number", numbers.format_number)


@register.filter(is_safe=True)
def clip(value, length):
    """truncatechars for plain text, without its per-character scan when the text fits."""
    text = str(value)
    length = int(length)
    if len(text) <= length:
        return value
    return text[: length - 1].rstrip() + "…"


@register.filter
def typeset(text, kazakh=""):
    """Plain text typeset for the active language (assembly/typography.py); ``kazakh`` is
    the Kazakh version, whose quoted names are marked as Kazakh here."""
    return typography.typeset_text(text, kazakh=kazakh)


@register.filter
def typeset_html(html, kazakh=""):
    """Sanitized rich text typeset for the active language (assembly/typography.py)."""
    return typography.typeset_html(html, kazakh=kazakh)


@register.filter
def figure_label(text):
    return typography.label(text)


@register.simple_tag
def first_mentioned(mentions, text, count):
    """(the ``count`` mentions the story names first, the rest): the rest go behind a
    disclosure, so that the share buttons follow the text closely."""
    ranked = by_first_mention(mentions, text)
    return ranked[:count], ranked[count:]


@register.simple_tag
def figure_value(figure):
    """A key figure's number, unit and qualifier, marked up for its card."""
    return numbers.qualified_html(figure.value, figure.qualifier, figure.unit)


@register.simple_tag
def qualified_number(value, qualifier, unit=""):
    """A count with its qualifier: «1000-нан астам», «более 1000», "more than 1,000"."""
    return numbers.qualified_text(value, qualifier, unit)
