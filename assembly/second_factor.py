"""The admin's second step: who has passed it, the lock after wrong codes, the audit log,
and how long a staff session lasts.

django-otp marks a session as verified (`request.user.is_verified()`); the rules of this
site around it live here, and the admin's views (assembly/admin/second_factor.py) call them.
"""

import logging
import time
from datetime import UTC, datetime
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from assembly.models import RecoveryCodeDevice, SecurityEvent
from assembly.signin import client_ip

logger = logging.getLogger("assembly.security")

SIGNED_IN_AT = "staff_signed_in_at"
LAST_SEEN_AT = "staff_last_seen_at"
VERIFIED_AT = "second_factor_verified_at"
ADMIN_PREFIX = "/admin/"
# Reached after the password alone: the sign-in itself and the second step.
OPEN_ADMIN_URLS = {
    "admin:login",
    "admin:logout",
    "admin:language",
    "admin:second_factor_verify",
    "admin:second_factor_enrol",
    "admin:second_factor_totp",
    "admin:second_factor_passkey",
}
OPEN_ADMIN_NAMESPACES = {"otp_webauthn"}


def record(request, kind, *, user, device="", by=None):
    event = SecurityEvent.objects.create(
        user=user,
        by=by,
        kind=kind,
        device=str(device)[:200],
        address=client_ip(request) or None,
    )
    logger.info(
        "second factor: %s",
        kind,
        extra={"event": kind, "user_id": user.pk if user else None, "device": event.device},
    )
    return event


def device_kind(device):
    """What an editor calls the device; django-otp's model names are English only."""
    kinds = {
        TOTPDevice: _("Authenticator app"),
        WebAuthnCredential: _("Passkey"),
        RecoveryCodeDevice: _("Recovery codes"),
        StaticDevice: _("Static codes (addstatictoken)"),
    }
    return kinds.get(type(device), device._meta.verbose_name)


def device_label(device):
    return f"{device_kind(device)}: {device.name}"


def has_device(user):
    return any(True for _device in devices_for_user(user, confirmed=True))


def failures(user):
    """Wrong codes or passkeys since the user's last success, within the cool-off time."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    last_success = (
        SecurityEvent.objects.filter(user=user, kind=SecurityEvent.Kind.SIGNED_IN, at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return SecurityEvent.objects.filter(
        user=user, kind=SecurityEvent.Kind.FAILED, at__gte=last_success or since
    ).count()


def is_locked(user):
    return failures(user) >= settings.SECOND_FACTOR_FAILURE_LIMIT


def register_failure(request, user, device=""):
    """Records a wrong code; True when this failure locks the second step."""
    record(request, SecurityEvent.Kind.FAILED, user=user, device=device)
    if is_locked(user):
        record(request, SecurityEvent.Kind.LOCKED, user=user)
        return True
    return False


def complete_second_step(request, device):
    # A new session key for the raised privilege, as Django does at sign-in.
    request.session.cycle_key()
    django_otp.login(request, device)
    request.session[VERIFIED_AT] = time.time()
    record(request, SecurityEvent.Kind.SIGNED_IN, user=request.user, device=device_label(device))


def device_added(request, device):
    record(request, SecurityEvent.Kind.DEVICE_ADDED, user=device.user, device=device_label(device))


def remove_devices(request, *, user, devices):
    """Removes devices; the user's other sessions end (see AdminAccessMiddleware)."""
    for device in devices:
        label = device_label(device)
        device.delete()
        record(request, SecurityEvent.Kind.DEVICE_REMOVED, user=user, by=request.user, device=label)
    if request.user == user:
        # This session goes on, if the device it was verified with is still there.
        request.session[VERIFIED_AT] = time.time()


def second_step_url(request, next_url=""):
    name = "second_factor_verify" if has_device(request.user) else "second_factor_enrol"
    url = reverse(f"admin:{name}")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@receiver(user_logged_in)
def _stamp_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()
        request.session[LAST_SEEN_AT] = time.time()


class AdminAccessMiddleware:
    """Every URL under /admin/ needs the password and the second step, whatever view serves it.

    Staff sessions also end here: after STAFF_SESSION_IDLE without a request, after
    STAFF_SESSION_MAX_AGE from the sign-in, and when one of the user's devices was removed
    after this session passed its second step.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is no one signed in: public pages stay uncoupled
        # from the session (no Vary: Cookie).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._limit_staff_session(request)
        if request.path_info.startswith(ADMIN_PREFIX) and not self._open(request):
            user = request.user
            if not (user.is_active and user.is_staff):
                login = reverse("admin:login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            if not user.is_verified():
                return redirect(second_step_url(request, request.get_full_path()))
        return self.get_response(request)

    def _limit_staff_session(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            if self._session_ended(request):
                record(request, SecurityEvent.Kind.SESSION_ENDED, user=user)
                logout(request)
            else:
                request.session[LAST_SEEN_AT] = time.time()

    @staticmethod
    def _open(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in OPEN_ADMIN_URLS or bool(
            set(match.namespaces) & OPEN_ADMIN_NAMESPACES
        )

    @staticmethod
    def _session_ended(request):
        session, now = request.session, time.time()
        signed_in = session.get(SIGNED_IN_AT)
        last_seen = session.get(LAST_SEEN_AT)
        if signed_in is None or last_seen is None:
            return True
        if now - last_seen > settings.STAFF_SESSION_IDLE.total_seconds():
            return True
        if now - signed_in > settings.STAFF_SESSION_MAX_AGE.total_seconds():
            return True
        if request.user.is_verified():
            verified_at = datetime.fromtimestamp(session.get(VERIFIED_AT, 0), tz=UTC)
            return SecurityEvent.objects.filter(
                user=request.user, kind=SecurityEvent.Kind.DEVICE_REMOVED, at__gt=verified_at
            ).exists()
        return False
