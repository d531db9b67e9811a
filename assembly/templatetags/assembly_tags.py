from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import get_language_info

from assembly import images, kazakh, languages, structured_data

register = template.Library()

# Spelled out per language on purpose: Django's kk locale has no date formats of its own.
MONTHS_GENITIVE = {
    "kk": (
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
        "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
    ),
    "ru": (
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
MONTHS_NOMINATIVE = {
    **MONTHS_GENITIVE,
    "ru": (
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ),
}  # fmt: skip


def _language(lang=None):
    code = (lang or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in MONTHS_GENITIVE else "en"


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def human_date(value, lang=None):
    """19 желтоқсан 2025 ж. / 19 декабря 2025 г. / 19 December 2025"""
    if not value:
        return ""
    day = _as_date(value)
    lang = _language(lang)
    month = MONTHS_GENITIVE[lang][day.month - 1]
    if lang == "kk":
        return f"{day.day} {month} {day.year} ж."
    if lang == "ru":
        return f"{day.day} {month} {day.year} г."
    return f"{day.day} {month} {day.year}"


@register.filter
def month_year(value, lang=None):
    """2025 ж. желтоқсан / Декабрь 2025 г. / December 2025"""
    if not value:
        return ""
    day = _as_date(value)
    lang = _language(lang)
    month = MONTHS_NOMINATIVE[lang][day.month - 1]
    if lang == "kk":
        return f"{day.year} ж. {month}"
    if lang == "ru":
        return f"{month.capitalize()} {day.year} г."
    return f"{month} {day.year}"


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
    available = context.get("available_languages") or languages.language_codes()
    obj = context.get("object")
    versions = []
    for code in languages.language_codes():
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": _url_in(request, obj, code),
                "available": code in available,
                "current": code == current,
                "og_locale": languages.OG_LOCALES.get(code, code),
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


@register.filter
def figure_number(value, lang=None):
    """1000 -> "1 000" in kk and ru, "1,000" in English; 2.5 -> "2,5" in kk and ru."""
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return value
    lang = _language(lang)
    whole, _dot, fraction = f"{number:f}".partition(".")
    group, decimal = ("\N{NO-BREAK SPACE}", ",") if lang in ("kk", "ru") else (",", ".")
    if len(whole.lstrip("-")) > 4 or lang == "en":
        whole = f"{int(whole):,}".replace(",", group)
    return f"{whole}{decimal}{fraction}" if fraction else whole


@register.filter(is_safe=True)
def clip(value, length):
    """truncatechars for plain text, without its per-character scan when the text fits."""
    text = str(value)
    length = int(length)
    if len(text) <= length:
        return value
    return text[: length - 1].rstrip() + "…"


@register.simple_tag
def figure_value(figure):
    """A key figure's number with its unit and qualifier, in the active language's order:
    «шамамен» and "more than" come first, but Kazakh puts «астам» after the number."""
    if figure.qualifier == figure.Qualifier.MORE_THAN and _language() == "kk":
        return _kazakh_more_than(figure)
    value = _number_with_unit(figure.value, figure.unit)
    if figure.qualifier == figure.Qualifier.EXACT:
        return value
    label = figure.get_qualifier_display()
    return format_html('<span class="figure__qualifier">{}</span> {}', label, value)


def _number_with_unit(value, unit):
    number = format_html('<span class="figure__number">{}</span>', figure_number(value))
    if not unit:
        return number
    space = "" if unit == "%" else " "
    return format_html('{}{}<span class="figure__unit">{}</span>', number, space, unit)


def _kazakh_more_than(figure):
    head, suffix, tail = kazakh.more_than(figure.value, figure.unit)
    html = format_html(
        '{}<span class="figure__qualifier figure__qualifier--after">{} {}</span>',
        _number_with_unit(figure.value, head),
        suffix,
        figure.get_qualifier_display(),  # «астам»
    )
    if tail:
        html = format_html('{} <span class="figure__unit">{}</span>', html, tail)
    return html
