from django.db import models
from django.utils.translation import gettext_lazy as _

from assembly.addresses import cached_reverse

from .base import (
    ContentModel,
    image_field,
    optional_link,
    slug_field,
)
from .counts import qualifier_field


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Initiative(ContentModel):
    class Kind(models.TextChoices):
        YOUTH = "youth", _("youth")
        FAMILY_VALUES = "family_values", _("family values")
        LEADERSHIP_SCHOOL = "leadership_school", _("leadership school")
        PEOPLES_DIPLOMACY = "peoples_diplomacy", _("people's diplomacy")
        SCIENCE = "science", _("science")
        CULTURE = "culture", _("culture")
        CHARITY = "charity", _("charity")
        EDUCATION = "education", _("education")
        CIVIC_ENGAGEMENT = "civic_engagement", _("civic engagement")
        COMMEMORATION = "commemoration", _("commemoration")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")

    name = models.CharField(_("name"), max_length=200)
    slug = slug_field(_("Web address part. Left empty, it is made from the name."))
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    organizer = optional_link("assembly.Institution", _("organizing institution"), "initiatives")
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    participants_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_qualifier = qualifier_field(_("participants"))
    image = image_field(_("image"))
    image_alt = models.CharField(_("image alt text"), max_length=250, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    is_published = models.BooleanField(_("shown on the site"), default=True, db_index=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True) | models.Q(start_year__gte=1990),
                name="initiative_start_year_plausible",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("assembly:initiative_detail", slug=self.slug)
