"""Numbers as readers read them: grouped the language's way, with how exact they are.

The article gives most of its numbers as «астам» (more than) or «шамамен» (about), and a page
must not print them firmer. This module is the one home of "number and qualifier": the key
figures' cards, the counts on institution and initiative pages and the admin's record names
all use it. «шамамен», «более» and "more than" come before the number; Kazakh puts «астам»
after it, with the ablative suffix (assembly/kazakh.py).
"""

from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import formats, translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from assembly import kazakh
from assembly.typography import NBSP


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")


def format_number(value, lang=None):
    """A number grouped by the language's formats module: 305 000 000 and 2,5 in Kazakh and
    Russian, 305,000,000 and 2.5 in English.

    Where groups are split by a space, a four-digit number stays whole («1000», as Kazakh
    and Russian typography and the article write it); with a comma it is grouped ("1,000").
    """
    if lang and lang != translation.get_language():
        with translation.override(lang):
            return format_number(value)
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return value
    spaced = formats.get_format("THOUSAND_SEPARATOR").isspace()
    grouped = not spaced or len(str(abs(int(number)))) > 4
    return formats.number_format(number, use_l10n=True, force_grouping=grouped)


def qualified_parts(value, qualifier, unit=""):
    """The number, unit and qualifier in reading order, as (CSS class, text) pairs; the
    spaces between them have no class."""
    qualifier = Qualifier(qualifier)
    language = (translation.get_language() or "").split("-")[0]
    if qualifier == Qualifier.MORE_THAN and language == "kk":
        head, suffix, tail = kazakh.more_than(value, unit)
        parts = _number_with_unit(value, head)
        # The suffix stays in the part of the word it ends («мыңнан», «100-ден»): no word
        # changes colour or weight in its middle.
        css_class, word = parts[-1]
        parts[-1] = (css_class, f"{word}{suffix}")
        parts += [(None, " "), ("figure__qualifier figure__qualifier--after", str(qualifier.label))]
        return [*parts, (None, " "), ("figure__unit", tail)] if tail else parts
    parts = _number_with_unit(value, unit)
    if qualifier == Qualifier.EXACT:
        return parts
    return [("figure__qualifier", str(qualifier.label)), (None, " "), *parts]


def _number_with_unit(value, unit):
    parts = [("figure__number", format_number(value))]
    if unit:
        parts += [(None, "" if unit == "%" else NBSP), ("figure__unit", unit)]
    return parts


def qualified_text(value, qualifier, unit=""):
    """«1000-нан астам», «более 1000», "more than 1,000"."""
    return "".join(text for _css_class, text in qualified_parts(value, qualifier, unit))


def qualified_html(value, qualifier, unit=""):
    """The same, each part in a span with its CSS class (a key figure's card)."""
    # Joined by hand: format_html() for each of a page's dozens of parts costs more than
    # the rest of a figure's card. The classes are this module's own constants.
    return mark_safe(
        "".join(
            f'<span class="{css_class}">{conditional_escape(text)}</span>'
            if css_class
            else conditional_escape(text)
            for css_class, text in qualified_parts(value, qualifier, unit)
        )
    )
