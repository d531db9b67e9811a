from datetime import timedelta
from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assembly import languages
from assembly.addresses import cached_reverse

from .base import (
    ContentModel,
    image_field,
    optional_link,
    slug_field,
    translation_index_condition,
)
from .fields import SanitizedHTMLField

# The partial indexes of the lists hold the items written in a language: NewsItem's required
# fields, which translation.py declares (models load before it, so they are named here too;
# tests/test_languages.py keeps the two equal).
INDEXED_REQUIRED_FIELDS = ("title", "lead", "body")
# Saving an item while publishing it is not an update readers need to hear about.
UPDATE_NOTICE_AFTER = timedelta(minutes=10)


def public_condition():
    """The one definition of what readers may see; scheduled items go live by themselves."""
    now = timezone.now()
    return (
        Q(status=NewsItem.Status.PUBLISHED)
        | Q(status=NewsItem.Status.SCHEDULED, published_at__lte=now)
    ) & Q(published_at__lte=now)


def listed_on(to, verbose_name):
    """The pages an item is about; each lists the item (``news_items``)."""
    return models.ManyToManyField(
        to, verbose_name=verbose_name, blank=True, related_name="news_items"
    )


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(public_condition())

    def with_effective_status(self):
        """``effective_status``: what readers see, so an item that went live on schedule
        reads "published" from that moment, and one waiting for its time "scheduled"."""
        Status = NewsItem.Status
        return self.annotate(
            effective_status=models.Case(
                models.When(public_condition(), then=models.Value(Status.PUBLISHED)),
                models.When(
                    status__in=[Status.PUBLISHED, Status.SCHEDULED],
                    then=models.Value(Status.SCHEDULED),
                ),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )

    def translated_into(self, lang):
        return self.filter(languages.written_in(self.model, lang))


class NewsItem(ContentModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")

    title = models.CharField(_("title"), max_length=250)
    slug = slug_field(_("Web address part. Left empty, it is made from the title."))
    lead = models.TextField(_("lead"), help_text=_("One or two sentences shown under the title."))
    body = SanitizedHTMLField(_("body"))
    hero_image = image_field(_("main image"))
    hero_alt = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    hero_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    hero_credit = models.CharField(_("image credit"), max_length=150, blank=True)
    source_name = models.CharField(
        _("source agency"),
        max_length=100,
        blank=True,
        help_text=_("For items based on an agency report, such as Kazinform."),
    )
    source_url = models.URLField(
        _("original URL"),
        max_length=500,
        blank=True,
        help_text=_(
            "The exact address of the agency's report. Readers get a link to the original only "
            "with this address; the agency's home page is not linked as the original."
        ),
    )
    source_date = models.DateField(_("original date"), null=True, blank=True)
    dateline = models.CharField(_("dateline city"), max_length=80, blank=True)
    topics = listed_on("assembly.Topic", _("topics"))
    region = optional_link(
        "assembly.Region",
        _("main region"),
        "lead_news_items",
        help_text=_("Leave empty for national news."),
    )
    regions = listed_on("assembly.Region", _("regions mentioned"))
    initiatives = listed_on("assembly.Initiative", _("related initiatives"))
    institutions = listed_on("assembly.Institution", _("related institutions"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Indexed with the other columns lists need (Meta.indexes); an index on this column alone
    # led SQLite to read rows for counts that the partial indexes answer alone.
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("For a scheduled item, the time it goes live by itself."),
    )
    featured = models.BooleanField(_("featured"), default=False, db_index=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [
            models.Index(fields=["status", "published_at"], name="news_status_pub_idx"),
            # Every list's order, and the home page's featured story (docs/performance.md).
            models.Index(fields=["-published_at", "-id"], name="news_pub_order_idx"),
            models.Index(fields=["featured", "-published_at"], name="news_featured_pub_idx"),
            # Lists show the items written in the reader's language; without these, counting
            # them reads every long body. Partial, so a count needs no table row at all.
            *(
                models.Index(
                    fields=["-published_at", "-id", "status", "featured"],
                    condition=translation_index_condition(lang, *INDEXED_REQUIRED_FIELDS),
                    name=f"news_public_{lang}_idx",
                )
                for lang in languages.content_languages()
            ),
        ]
        permissions = [("publish_newsitem", _("Can publish news items"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "unpublished"]) | Q(published_at__isnull=False),
                name="news_public_needs_published_at",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("assembly:news_detail", slug=self.slug)

    @property
    def source_report_url(self):
        """``source_url`` when it is a report's own address, not the agency's home page."""
        if not self.source_url:
            return ""
        parts = urlsplit(self.source_url)
        return self.source_url if parts.path.strip("/") or parts.query else ""

    @property
    def updated_after_publication(self):
        if self.published_at is None or self.updated_at is None:
            return False
        return self.updated_at - self.published_at > UPDATE_NOTICE_AFTER

    @property
    def is_public(self):
        # public_condition() for a loaded item; tests/test_admin_status.py keeps them equal.
        if self.published_at is None or self.published_at > timezone.now():
            return False
        return self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
