from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assembly import languages


class AdminPreference(models.Model):
    """What one editor chose for their own admin screens."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="admin_preference",
        verbose_name=_("user"),
    )
    # A callable: a language added to settings changes the choices without a migration.
    language = models.CharField(
        _("admin language"), max_length=8, choices=languages.content_language_choices
    )

    class Meta:
        verbose_name = _("admin preference")
        verbose_name_plural = _("admin preferences")

    def __str__(self):
        return f"{self.user} ({self.language})"
