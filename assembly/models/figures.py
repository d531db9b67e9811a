from django.db import models
from django.utils.translation import gettext_lazy as _

from assembly.numbers import Qualifier, qualified_text

from .base import optional_link


class KeyFigure(models.Model):
    Qualifier = Qualifier

    news_item = models.ForeignKey(
        "assembly.NewsItem",
        verbose_name=_("source news item"),
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    qualifier = models.CharField(
        _("qualifier"), max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    label = models.CharField(_("label"), max_length=250)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    institution = optional_link("assembly.Institution", _("institution"), "key_figures")
    initiative = optional_link("assembly.Initiative", _("initiative"), "key_figures")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    seed_key = models.CharField(
        _("seed key"), max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["news_item", "position", "id"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="key_figure_value_positive"
            ),
        ]

    def __str__(self):
        return f"{qualified_text(self.value, self.qualifier, self.unit)} {self.label}".strip()

    @property
    def display_value(self):
        value = self.value.normalize()
        return f"{value:f}"
