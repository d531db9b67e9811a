"""How exact a number is: the article gives most of them as «астам» (more than) or «шамамен»
(about), and a page must not print them firmer than that.

Key figures and the counts on institutions and initiatives share these choices; the template
tag ``qualified_number`` prints a number with its qualifier in each language.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")


def qualifier_field(count_verbose_name):
    """The qualifier of the count field named ``count_verbose_name``; stored beside it."""
    return models.CharField(
        format_lazy("{}: {}", count_verbose_name, _("qualifier")),
        max_length=12,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
    )
