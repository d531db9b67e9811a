from django.db import models
from django.utils.translation import gettext_lazy as _

from assembly.addresses import cached_reverse

from .base import SeededModel, TranslatedSlugMixin, TranslationSourcesModel, slug_field


class Topic(TranslatedSlugMixin, SeededModel, TranslationSourcesModel):
    name = models.CharField(_("name"), max_length=120)
    slug = slug_field(_("Web address part. Left empty, it is made from the name."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("assembly:topic_detail", slug=self.slug)
