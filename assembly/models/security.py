"""Recovery codes and the sign-in audit log of the admin's second factor.

django-otp's own static tokens are stored as written; recovery codes are stored here as
SHA-256 digests. A code is ten random base-32 characters (50 bits), so a plain digest is
enough: no one guesses it from the digest, and a salted slow hash would make every sign-in
try all ten codes slowly.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, TimestampMixin

RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10


def normalize_code(code):
    return "".join(code.split()).replace("-", "").lower()


def code_digest(code):
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


class RecoveryCodeDevice(TimestampMixin, Device):
    """Single-use recovery codes of one editor; each is deleted when used."""

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def replace_codes(self, count=10):
        """New codes in place of the old ones; the plain codes are returned once, never stored."""
        codes = [
            "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
            for _ in range(count)
        ]
        with transaction.atomic():
            self.codes.all().delete()
            RecoveryCode.objects.bulk_create(
                RecoveryCode(device=self, digest=code_digest(code)) for code in codes
            )
        return [f"{code[:5]}-{code[5:]}" for code in codes]

    def add_code(self):
        code = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        RecoveryCode.objects.create(device=self, digest=code_digest(code))
        return f"{code[:5]}-{code[5:]}"

    def verify_token(self, token):
        deleted, _kinds = self.codes.filter(digest=code_digest(str(token))).delete()
        if deleted:
            self.set_last_used_timestamp()
        return bool(deleted)


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)

    def __str__(self):
        return self.digest[:8]


class SecurityEvent(models.Model):
    """One line of the sign-in audit: who, when, from where, what happened."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("signed in with the second step")
        FAILED = "failed", _("wrong code or passkey")
        LOCKED = "locked", _("second step locked")
        DEVICE_ADDED = "device_added", _("device added")
        DEVICE_REMOVED = "device_removed", _("device removed")
        CODES_RENEWED = "codes_renewed", _("new recovery codes")
        SESSION_ENDED = "session_ended", _("session ended")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="security_events",
        verbose_name=_("user"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    device = models.CharField(_("device"), max_length=200, blank=True)
    address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in audit entry")
        verbose_name_plural = _("sign-in audit")
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "kind", "at"], name="security_user_kind_at_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.kind}"
