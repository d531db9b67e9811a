from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationSource(models.Model):
    """The Kazakh text a Russian or English field was last saved or confirmed against.

    The hash in ``translation_sources`` says *whether* the source changed; this row keeps the
    text, so a translator sees *what* changed (assembly/translation_sources.py).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=8)
    field = models.CharField(_("field"), max_length=64)
    source_text = models.TextField(_("Kazakh source"), blank=True)
    source_hash = models.CharField(max_length=16)
    saved_at = models.DateTimeField(_("saved"), auto_now=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("translation source")
        verbose_name_plural = _("translation sources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "field"],
                name="translation_source_unique",
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.field}_{self.language}"
