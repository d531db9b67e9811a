"""A count stores how exact the article gives it, beside it (``Qualifier``,
assembly/numbers.py, which also prints them)."""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from assembly.numbers import Qualifier

__all__ = ["Qualifier", "qualifier_field"]


def qualifier_field(count_verbose_name):
    """The qualifier of the count field named ``count_verbose_name``; stored beside it."""
    return models.CharField(
        format_lazy("{}: {}", count_verbose_name, _("qualifier")),
        max_length=12,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
    )
