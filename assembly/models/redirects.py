from django.db import models
from django.utils.translation import gettext_lazy as _

from assembly.languages import content_language_of, content_languages, source_language


class SlugRedirect(models.Model):
    """An address an object used to have, kept so old links answer with a 301."""

    model_label = models.CharField(_("model"), max_length=60)
    language = models.CharField(_("language"), max_length=8)
    old_slug = models.SlugField(_("old slug"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object id"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "language", "old_slug"], name="slug_redirect_unique"
            ),
        ]

    def __str__(self):
        return f"{self.model_label} {self.language}/{self.old_slug} → {self.object_id}"


def record_slug_changes(instance):
    """Stores the slugs ``instance`` is about to give up; called from its ``save()``."""
    if instance.pk is None:
        return
    model = type(instance)
    codes = content_languages()
    fields = [f"slug_{lang}" for lang in codes]
    previous = model._base_manager.filter(pk=instance.pk).values(*fields).first()
    if previous is None:
        return
    label = model._meta.label_lower
    for lang, field in zip(codes, fields, strict=True):
        old, new = previous[field], getattr(instance, field)
        if old and old != new:
            SlugRedirect.objects.update_or_create(
                model_label=label,
                language=lang,
                old_slug=old,
                defaults={"object_id": instance.pk},
            )
    # An address that is in use again must not keep redirecting elsewhere.
    current = [getattr(instance, field) for field in fields if getattr(instance, field)]
    SlugRedirect.objects.filter(model_label=label, old_slug__in=current).delete()


def find_slug_redirect(model, language, slug):
    return (
        SlugRedirect.objects.filter(
            model_label=model._meta.label_lower,
            language__in={content_language_of(language), source_language()},
            old_slug=slug,
        )
        .order_by("-created_at")
        .values_list("object_id", flat=True)
        .first()
    )
