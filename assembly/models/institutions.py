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


class InstitutionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Institution(ContentModel):
    class Kind(models.TextChoices):
        ASSEMBLY = "assembly", _("the Assembly")
        REGIONAL_ASSEMBLY = "regional_assembly", _("regional assembly")
        DISTRICT_ASSEMBLY = "district_assembly", _("district assembly")
        FRIENDSHIP_HOUSE = "friendship_house", _("Friendship House")
        UNIVERSITY_DEPARTMENT = "university_department", _("university department")
        COUNCIL = "council", _("council")
        CENTRE = "centre", _("centre")
        CLUB = "club", _("club")
        THEATRE = "theatre", _("theatre")
        MEDIA = "media", _("ethnic newspaper or magazine")
        ASSOCIATION = "association", _("association")
        YOUTH_WING = "youth_wing", _("youth wing")
        ETHNOCULTURAL_ASSOCIATION = "ethnocultural_association", _("ethnocultural association")
        STATE_BODY = "state_body", _("state body")
        INTERNATIONAL = "international", _("international organization")
        FACILITY = "facility", _("facility")

    class Level(models.TextChoices):
        REPUBLICAN = "republican", _("republican")
        REGIONAL = "regional", _("regional")
        CITY = "city", _("city")
        DISTRICT = "district", _("district")
        INTERNATIONAL = "international", _("international")

    class Status(models.TextChoices):
        OPERATING = "operating", _("operating")
        UNDER_CONSTRUCTION = "under_construction", _("under construction")

    name = models.CharField(_("name"), max_length=200)
    slug = slug_field(_("Web address part. Left empty, it is made from the name."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, db_index=True)
    parent = optional_link("self", _("parent institution"), "children")
    region = optional_link("assembly.Region", _("region"), "institutions")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPERATING
    )
    construction_since = models.PositiveSmallIntegerField(
        _("under construction since"), null=True, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    units_count = models.PositiveIntegerField(
        _("number of units"),
        null=True,
        blank=True,
        help_text=_("For a network of bodies, such as all Friendship Houses: how many there are."),
    )
    units_qualifier = qualifier_field(_("number of units"))
    members_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    members_qualifier = qualifier_field(_("members"))
    experts_count = models.PositiveIntegerField(_("experts"), null=True, blank=True)
    experts_qualifier = qualifier_field(_("experts"))
    ensembles_count = models.PositiveIntegerField(_("ensembles"), null=True, blank=True)
    ensembles_qualifier = qualifier_field(_("ensembles"))
    publication_languages = models.CharField(
        _("languages of publication"),
        max_length=300,
        blank=True,
        help_text=_("For newspapers and magazines: the languages they are published in."),
    )
    publication_languages_count = models.PositiveSmallIntegerField(
        _("number of languages of publication"), null=True, blank=True
    )
    publication_languages_qualifier = qualifier_field(_("number of languages of publication"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    image = image_field(_("image"))
    image_alt = models.CharField(_("image alt text"), max_length=250, blank=True)
    is_published = models.BooleanField(_("shown on the site"), default=True, db_index=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        # The public list: published ones, grouped by kind, optionally one level or region.
        indexes = [
            models.Index(fields=["is_published", "kind"], name="institution_pub_kind_idx"),
            models.Index(fields=["is_published", "level"], name="institution_pub_level_idx"),
        ]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(founded_year__isnull=True) | models.Q(founded_year__gte=1800),
                name="institution_founded_year_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(status="under_construction")
                | models.Q(construction_since__isnull=True),
                name="institution_construction_since_only_when_building",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("assembly:institution_detail", slug=self.slug)
