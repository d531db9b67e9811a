from django.db import models
from django.utils.translation import gettext_lazy as _

from assembly.addresses import cached_reverse

from .base import TranslationSourcesModel


class Region(TranslationSourcesModel):
    class Kind(models.TextChoices):
        REGION = "region", _("region")
        CITY = "city", _("city of republican status")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGION)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name or self.code

    def get_absolute_url(self):
        return cached_reverse("assembly:region_detail", code=self.code)
