from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assembly.languages import content_languages, title_field
from assembly.slugs import slugify_text, unique_slug
from assembly.uploads import validate_image_upload

from . import lookups  # noqa: F401  (registers field__filled)
from .fields import CleanImageField
from .images import image_upload_to
from .redirects import record_slug_changes

SLUG_MAX_LENGTH = 100


def slug_field(help_text):
    """The optional, unique slug of a translated page model; TranslatedSlugMixin fills it."""
    return models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        null=True,
        blank=True,
        help_text=help_text,
    )


def image_field(verbose_name):
    """An optional uploaded image: checked on upload, stored clean, filed under its model."""
    return CleanImageField(
        verbose_name,
        upload_to=image_upload_to,
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP, at most 20 MB and 40 megapixels."),
    )


def optional_link(to, verbose_name, related_name, **options):
    """A link an editor may leave empty; deleting what it links to empties it."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        **options,
    )


class TranslatedSlugMixin(models.Model):
    """Fills each language's slug from that language's title (the title field translation.py
    declares) when the slug is empty."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_slugs()
        record_slug_changes(self)
        super().save(*args, **kwargs)

    def fill_slugs(self):
        title = title_field(type(self))
        for lang in content_languages():
            if getattr(self, f"slug_{lang}", None):
                continue
            source = getattr(self, f"{title}_{lang}", None) or ""
            if not source.strip():
                setattr(self, f"slug_{lang}", None)
                continue
            base = slugify_text(source, lang, max_length=SLUG_MAX_LENGTH - 5)
            setattr(self, f"slug_{lang}", unique_slug(base, self._slug_taken(lang)))

    def _slug_taken(self, lang):
        column = f"slug_{lang}"
        others = (
            type(self)._base_manager.exclude(pk=self.pk) if self.pk else type(self)._base_manager
        )

        def taken(candidate):
            return others.filter(**{column: candidate}).exists()

        return taken


def translation_index_condition(lang, *fields):
    """A partial index's condition: each field's `filled` condition (models/lookups.py), as
    languages.written_in() writes it, so that a query asking for it reads only the index."""
    return Q(*[(f"{field}_{lang}__filled", True) for field in fields])


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TranslationSourcesModel(models.Model):
    # For each ru/en field, a hash of the Kazakh text it was translated from; a changed Kazakh
    # text then marks the translation outdated (assembly/translation_status.py).
    translation_sources = models.JSONField(
        _("translation sources"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True


class SeededModel(models.Model):
    # Stable key of a record that came from the seed loader; keeps the loader idempotent.
    seed_key = models.CharField(
        _("seed key"), max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class ContentModel(TranslatedSlugMixin, SeededModel, TimeStampedModel, TranslationSourcesModel):
    """A translated page's record (initiative, institution, news item): slugs filled per
    language, a seed key, timestamps and the sources of its translations."""

    class Meta:
        abstract = True


class SeedRecord(models.Model):
    """Ledger of seed keys once loaded, so that a re-run never brings back a deleted record."""

    key = models.CharField(_("seed key"), max_length=120, unique=True)
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("loaded seed record")
        verbose_name_plural = _("loaded seed records")

    def __str__(self):
        return self.key
