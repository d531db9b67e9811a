"""The admin's second step and an editor's devices: authenticator app (TOTP), passkeys,
recovery codes. The rules (lock, audit, sessions) are in assembly/second_factor.py.
"""

import base64
import json

import segno
from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.i18n import JavaScriptCatalog
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn import exceptions as webauthn_errors
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from assembly import second_factor
from assembly.models import RecoveryCodeDevice, SecurityEvent
from assembly.signin import locked_out

PENDING_TOTP = "second_factor_pending_totp"


class TokenForm(forms.Form):
    # The name django-otp's own forms use, so that a script can sign in with a static code.
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def _context(request, **extra):
    return {**admin.site.each_context(request), "next": _next_url(request), **extra}


def _signed_in_staff(request):
    user = request.user
    return user.is_authenticated and user.is_active and user.is_staff


def _may_enrol(request):
    """A user without devices enrols after the password; one with devices after both steps."""
    return _signed_in_staff(request) and (
        request.user.is_verified() or not second_factor.has_device(request.user)
    )


def _to_login(request):
    return redirect(f"{reverse('admin:login')}?next={reverse('admin:index')}")


def _token_devices(user):
    return [
        device
        for device in devices_for_user(user, confirmed=True, for_verify=True)
        if not isinstance(device, WebAuthnCredential)
    ]


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request):
    if not _signed_in_staff(request):
        return _to_login(request)
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    if not second_factor.has_device(user):
        return redirect(second_factor.second_step_url(request, _next_url(request)))
    if second_factor.is_locked(user):
        return locked_out(request)
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["otp_token"].strip()
        with transaction.atomic():
            device = next((d for d in _token_devices(user) if d.verify_token(token)), None)
        if device is not None:
            second_factor.complete_second_step(request, device)
            return HttpResponseRedirect(_next_url(request))
        if second_factor.register_failure(request, user):
            return locked_out(request)
        form.add_error("otp_token", _("This code is wrong or has been used already."))
    if form.errors:
        status = 400
    has_passkey = WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    context = _context(
        request, title=_("Second step of sign-in"), form=form, has_passkey=has_passkey
    )
    return TemplateResponse(request, "admin/second_factor/verify.html", context, status=status)


@never_cache
def enrol(request):
    if not _may_enrol(request):
        return _refuse_enrolment(request)
    context = _context(request, title=_("Set up a second step for signing in"))
    return TemplateResponse(request, "admin/second_factor/enrol.html", context)


def _refuse_enrolment(request):
    if _signed_in_staff(request):
        return redirect(second_factor.second_step_url(request, _next_url(request)))
    return _to_login(request)


def _qr_data_uri(text):
    svg = segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@never_cache
@sensitive_post_parameters("otp_token")
def enrol_totp(request):
    if not _may_enrol(request):
        return _refuse_enrolment(request)
    user = request.user
    device = TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get(PENDING_TOTP)
    ).first()
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(
            user=user, name=str(_("Authenticator app")), confirmed=False
        )
        request.session[PENDING_TOTP] = device.pk
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            del request.session[PENDING_TOTP]
            return _enrolled(request, device)
        form.add_error("otp_token", _("This code is wrong. Check the time on your phone."))
        status = 400
    secret = base64.b32encode(device.bin_key).decode()
    context = _context(
        request,
        title=_("Set up an authenticator app"),
        form=form,
        qr_code=_qr_data_uri(device.config_url),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )
    return TemplateResponse(request, "admin/second_factor/totp.html", context, status=status)


def _enrolled(request, device):
    """A device was added: the first one verifies this session and brings recovery codes."""
    second_factor.device_added(request, device)
    if request.user.is_verified():
        messages.success(request, _("The device was added."))
        return redirect("admin:second_factor_devices")
    second_factor.complete_second_step(request, device)
    return _show_new_codes(request)


def _show_new_codes(request):
    user = request.user
    recovery, _created = RecoveryCodeDevice.objects.get_or_create(
        user=user, defaults={"name": str(_("Recovery codes"))}
    )
    codes = recovery.replace_codes()
    second_factor.record(
        request,
        SecurityEvent.Kind.CODES_RENEWED,
        user=user,
        device=second_factor.device_label(recovery),
    )
    context = _context(request, title=_("Your recovery codes"), codes=codes)
    return TemplateResponse(request, "admin/second_factor/recovery_codes.html", context)


@never_cache
def enrol_passkey(request):
    if not _may_enrol(request):
        return _refuse_enrolment(request)
    first = not request.user.is_verified()
    done = reverse("admin:second_factor_recovery_codes" if first else "admin:second_factor_devices")
    context = _context(request, title=_("Register a passkey"), done_url=done)
    return TemplateResponse(request, "admin/second_factor/passkey.html", context)


@never_cache
def recovery_codes(request):
    """New recovery codes in place of the old; after a first passkey, the first ones."""
    has_codes = RecoveryCodeDevice.objects.filter(user=request.user, codes__isnull=False).exists()
    if request.method == "POST" or not has_codes:
        return _show_new_codes(request)
    return redirect("admin:second_factor_devices")


@never_cache
def devices(request):
    user = request.user
    own = list(devices_for_user(user, confirmed=True))
    if request.method == "POST":
        chosen = request.POST.get("remove", "")
        removed = [device for device in own if device.persistent_id == chosen]
        if removed:
            second_factor.remove_devices(request, user=user, devices=removed)
            messages.success(request, _("The device was removed. Your other sessions have ended."))
        return redirect("admin:second_factor_devices")
    rows = []
    for device in own:
        count = device.codes.count() if isinstance(device, RecoveryCodeDevice) else None
        if isinstance(device, StaticDevice):
            count = device.token_set.count()
        rows.append(
            {
                "device": device,
                "label": device.name,
                "kind": device._meta.verbose_name,
                "count": count,
            }
        )
    context = _context(request, title=_("Sign-in devices"), rows=rows)
    return TemplateResponse(request, "admin/second_factor/devices.html", context)


def admin_urls(site):
    """The second step's pages in the admin; the first five answer after the password alone."""
    return [
        path("second-step/", verify, name="second_factor_verify"),
        path("second-step/enrol/", enrol, name="second_factor_enrol"),
        path("second-step/enrol/app/", enrol_totp, name="second_factor_totp"),
        path("second-step/enrol/passkey/", enrol_passkey, name="second_factor_passkey"),
        path(
            "second-step/recovery-codes/",
            site.admin_view(recovery_codes),
            name="second_factor_recovery_codes",
        ),
        path("second-step/devices/", site.admin_view(devices), name="second_factor_devices"),
    ]


# --- Passkeys: django-otp-webauthn's API, with the site's lock and audit ------------------


class SecondStepLocked(webauthn_errors.OTPWebAuthnApiError):
    status_code = 429
    code = "locked"
    default_detail = _("Too many failed attempts. Try again later.")


class StaffOnly(webauthn_errors.OTPWebAuthnApiError):
    status_code = 403
    code = "not_staff"
    default_detail = _("Sign in with your password first.")


class PasskeyRefused(webauthn_errors.OTPWebAuthnApiError):
    status_code = 403
    code = "passkey_refused"
    default_detail = _("The passkey was not accepted. Use another passkey or a code.")


class PasskeySignInBegin(webauthn_views.BeginCredentialAuthenticationView):
    def check_can_authenticate(self):
        if not _signed_in_staff(self.request):
            raise StaffOnly()
        if second_factor.is_locked(self.request.user):
            raise SecondStepLocked()


class PasskeySignInComplete(webauthn_views.CompleteCredentialAuthenticationView):
    check_can_authenticate = PasskeySignInBegin.check_can_authenticate

    def handle_exception(self, exc):
        # The library's reasons are English and technical; the editor reads one in their language.
        counted = _signed_in_staff(self.request) and not isinstance(
            exc, SecondStepLocked | StaffOnly
        )
        if isinstance(exc, webauthn_errors.OTPWebAuthnApiError) and counted:
            exc = PasskeyRefused()
            if second_factor.register_failure(self.request, self.request.user, _("Passkey")):
                exc = SecondStepLocked()
        return super().handle_exception(exc)

    def complete_auth(self, device):
        second_factor.complete_second_step(self.request, device)

    def get_success_url(self):
        return _next_url(self.request)


class PasskeyRegisterBegin(webauthn_views.BeginCredentialRegistrationView):
    def check_can_register(self):
        if not _may_enrol(self.request):
            raise StaffOnly()


class PasskeyRegisterComplete(webauthn_views.CompleteCredentialRegistrationView):
    check_can_register = PasskeyRegisterBegin.check_can_register

    def post(self, *args, **kwargs):
        was_verified = self.request.user.is_verified()
        response = super().post(*args, **kwargs)
        device = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"])
        second_factor.device_added(self.request, device)
        if not was_verified:
            # The library marked the session verified with the new passkey; do it the site's way.
            second_factor.complete_second_step(self.request, device)
        return response


passkey_urls = (
    [
        path(
            "registration/begin/",
            PasskeyRegisterBegin.as_view(),
            name="credential-registration-begin",
        ),
        path(
            "registration/complete/",
            PasskeyRegisterComplete.as_view(),
            name="credential-registration-complete",
        ),
        path(
            "authentication/begin/",
            PasskeySignInBegin.as_view(),
            name="credential-authentication-begin",
        ),
        path(
            "authentication/complete/",
            PasskeySignInComplete.as_view(),
            name="credential-authentication-complete",
        ),
        path(
            "jsi18n/",
            JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
            name="js-i18n-catalog",
        ),
    ],
    "otp_webauthn",
)


# --- Superusers: the audit list and removing another user's devices -----------------------


class SecurityEventAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "kind", "device", "by", "address")
    list_filter = ("kind", "at")
    search_fields = ("user__username", "address")
    date_hierarchy = "at"

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(
    description=_("Remove second-step devices (they enrol again)"), permissions=["remove_devices"]
)
def remove_second_step_devices(modeladmin, request, queryset):
    for user in queryset:
        owned = list(devices_for_user(user, confirmed=None))
        second_factor.remove_devices(request, user=user, devices=owned)
    messages.success(
        request, _("Second-step devices removed. These users enrol again at their next sign-in.")
    )


def has_remove_devices_permission(modeladmin, request):
    return request.user.is_superuser


admin.site.register(SecurityEvent, SecurityEventAdmin)
# Devices are added by their owners and removed through the pages above, which log it.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
