import json
import re
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from assembly.models import RecoveryCode, RecoveryCodeDevice, SecurityEvent
from assembly.models.security import code_digest
from assembly.second_factor import LAST_SEEN_AT, SIGNED_IN_AT
from tests.admin_helpers import (
    fast_password_hashing,  # noqa: F401 (autouse fixture)
    make_staff,
)
from tests.factories import make_news_item
from tests.second_step import SignedInClient, recovery_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-123"
VERIFY = "/admin/second-step/"
ENROL = "/admin/second-step/enrol/"


def _totp_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _code(device):
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def _password_only(user, lang="en"):
    client = Client()
    client.cookies["language"] = lang
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    return client, response


def _enter(client, code):
    return client.post(VERIFY, {"otp_token": code, "next": "/admin/"})


def _admin_urls(item):
    return [
        "/admin/",
        "/admin/assembly/newsitem/",
        "/admin/assembly/newsitem/add/",
        f"/admin/assembly/newsitem/{item.pk}/change/",
        f"/admin/assembly/newsitem/{item.pk}/history/",
        f"/admin/assembly/newsitem/{item.pk}/preview/en/",
        "/admin/translations/",
        "/admin/jsi18n/",
        "/admin/autocomplete/?app_label=assembly&model_name=newsitem&field_name=topics",
        "/admin/auth/user/",
        "/admin/password_change/",
        "/admin/assembly/securityevent/",
        "/admin/second-step/devices/",
        "/admin/second-step/recovery-codes/",
        "/admin/no-such-page/",
    ]


def test_password_alone_reaches_no_admin_page_whichever_url():
    user = make_staff("editor", "Editors")
    user.is_superuser = True
    user.save()
    _totp_device(user)
    client, _response = _password_only(user)
    for url in _admin_urls(make_news_item()):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY), url
    shortcut = client.get(f"/admin/r/1/{make_news_item().pk}/")
    assert shortcut.status_code == 302
    assert shortcut["Location"].startswith(VERIFY)


def test_anonymous_visitor_is_sent_to_the_password_first():
    response = Client().get("/admin/translations/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_password_leads_to_second_step_or_enrolment():
    with_device = make_staff("with-device")
    _totp_device(with_device)
    _client, response = _password_only(with_device)
    assert response["Location"].startswith(VERIFY)
    _client, response = _password_only(make_staff("without-device"))
    assert response["Location"].startswith(ENROL)


def test_second_step_field_is_named_otp_token():
    user = make_staff("editor")
    _totp_device(user)
    client, _response = _password_only(user)
    assert 'name="otp_token"' in client.get(VERIFY).content.decode()


def test_totp_sign_in_with_the_code_computed_from_the_device_secret():
    user = make_staff("editor", "Editors")
    device = _totp_device(user)
    client, _response = _password_only(user)
    response = _enter(client, _code(device))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(user=user, kind="signed_in").exists()


def test_replayed_totp_code_is_refused():
    user = make_staff("editor")
    device = _totp_device(user)
    code = _code(device)
    first, _response = _password_only(user)
    assert _enter(first, code).status_code == 302
    second, _response = _password_only(user)
    response = _enter(second, code)
    assert response.status_code == 400
    assert "wrong or has been used already" in response.content.decode()
    assert second.get("/admin/").status_code == 302


def test_recovery_code_works_once():
    user = make_staff("editor")
    code = recovery_code(user)
    first, _response = _password_only(user)
    assert _enter(first, code).status_code == 302
    second, _response = _password_only(user)
    assert _enter(second, code).status_code == 400


def test_django_otp_addstatictoken_gives_a_code_that_signs_in():
    user = make_staff("editor")
    out = StringIO()
    call_command("addstatictoken", user.username, stdout=out)
    client, _response = _password_only(user)
    assert _enter(client, out.getvalue().strip()).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_enrolment_with_an_app_shows_ten_recovery_codes_stored_hashed():
    user = make_staff("newcomer")
    client, response = _password_only(user)
    page = client.get(response["Location"])
    assert page.status_code == 200
    app_page = client.get(reverse("admin:second_factor_totp"))
    assert 'src="data:image/svg+xml;base64,' in app_page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("admin:second_factor_totp"), {"otp_token": _code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.content.decode())
    assert len(codes) == 10
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert stored == {code_digest(code) for code in codes}
    assert not stored & set(codes)
    assert client.get("/admin/").status_code == 200
    # Signing in later with one of them, once.
    later, _response = _password_only(user)
    assert _enter(later, codes[3]).status_code == 302


def test_wrong_codes_lock_the_second_step_after_ten():
    user = make_staff("editor")
    device = _totp_device(user)
    client, _response = _password_only(user)
    for _attempt in range(9):
        assert _enter(client, "000000").status_code == 400
    response = _enter(client, "000000")
    assert response.status_code == 429
    # Locked: the right code is refused too, and a new password sign-in does not unlock.
    again, _response = _password_only(user)
    assert _enter(again, _code(device)).status_code == 429
    assert again.get("/admin/").status_code == 302
    assert SecurityEvent.objects.filter(user=user, kind="locked").exists()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Код қате немесе бұрын қолданылған."),
        ("ru", "Код неверный или уже использован."),
        ("en", "This code is wrong or has been used already."),
    ],
)
def test_wrong_code_is_told_in_the_editors_language(lang, text):
    user = make_staff(f"editor-{lang}")
    _totp_device(user)
    client, _response = _password_only(user, lang)
    response = _enter(client, "123456")
    assert response.status_code == 400
    assert text in response.content.decode()


@pytest.mark.parametrize("token", ["x" * 500, "", "<script>", "١٢٣٤٥٦"])
def test_odd_codes_get_a_form_error_not_a_server_error(token):
    user = make_staff("editor")
    _totp_device(user)
    client, _response = _password_only(user)
    assert _enter(client, token).status_code == 400


def test_a_user_with_a_device_adds_no_other_after_the_password_alone():
    user = make_staff("editor")
    _totp_device(user)
    client, _response = _password_only(user)
    for name in ("second_factor_totp", "second_factor_passkey", "second_factor_enrol"):
        response = client.get(reverse(f"admin:{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith(VERIFY)
    response = client.post("/admin/passkeys/registration/begin/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_passkey_sign_in_needs_the_password_first():
    assert Client().post("/admin/passkeys/authentication/begin/").status_code == 403


def test_garbage_sent_as_a_passkey_is_refused_with_4xx():
    user = make_staff("editor")
    _totp_device(user)
    client, _response = _password_only(user)
    client.post("/admin/passkeys/authentication/begin/")
    response = client.post(
        "/admin/passkeys/authentication/complete/", "{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert SecurityEvent.objects.filter(user=user, kind="failed").exists()


@pytest.mark.parametrize(
    ("stamp", "setting"),
    [(LAST_SEEN_AT, "STAFF_SESSION_IDLE"), (SIGNED_IN_AT, "STAFF_SESSION_MAX_AGE")],
)
def test_staff_session_ends_after_its_time(settings, stamp, setting):
    setattr(settings, setting, timedelta(minutes=30))
    client = SignedInClient()
    client.force_login(make_staff("editor", "Editors"))
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[stamp] = time.time() - 31 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_session_limits_default_to_one_hour_idle_and_eight_in_all(settings):
    assert settings.STAFF_SESSION_IDLE == timedelta(hours=1)
    assert settings.STAFF_SESSION_MAX_AGE == timedelta(hours=8)


def test_changing_the_password_ends_the_other_sessions():
    user = make_staff("editor", "Editors")
    this, other = SignedInClient(), SignedInClient()
    this.force_login(user)
    other.force_login(user)
    response = this.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-password-456",
            "new_password2": "another-long-password-456",
        },
    )
    assert response.status_code == 302
    assert this.get("/admin/").status_code == 200
    assert other.get("/admin/")["Location"].startswith("/admin/login/")


def test_removing_a_device_ends_the_other_sessions():
    user = make_staff("editor", "Editors")
    phone = _totp_device(user)
    this, other = SignedInClient(), SignedInClient()
    this.force_login(user)
    other.force_login(user)
    response = this.post(reverse("admin:second_factor_devices"), {"remove": phone.persistent_id})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=phone.pk).exists()
    assert this.get("/admin/").status_code == 200
    assert other.get("/admin/")["Location"].startswith("/admin/login/")


def test_superuser_removes_a_users_devices_logged_and_the_user_enrols_again(admin_client):
    editor = make_staff("editor", "Editors")
    _totp_device(editor)
    recovery_code(editor)
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "remove_second_step_devices", "_selected_action": [editor.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not RecoveryCodeDevice.objects.filter(user=editor).exists()
    admin = get_user_model().objects.get(username="admin")
    assert SecurityEvent.objects.filter(user=editor, kind="device_removed", by=admin).count() == 2
    _client, response = _password_only(editor)
    assert response["Location"].startswith(ENROL)


def test_only_superusers_may_remove_other_users_devices():
    staff = make_staff("manager")
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client = SignedInClient()
    client.force_login(staff)
    page = client.get(reverse("admin:auth_user_changelist"))
    assert page.status_code == 200
    assert "remove_second_step_devices" not in page.content.decode()


def test_audit_list_shows_sign_ins_failures_and_device_changes_to_superusers(admin_client):
    editor = make_staff("editor", "Editors")
    device = _totp_device(editor)
    client, _response = _password_only(editor)
    _enter(client, "000000")
    _enter(client, _code(device))
    page = admin_client.get(reverse("admin:assembly_securityevent_changelist"), {"kind": "failed"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "editor" in text
    assert "127.0.0.1" in text
    editor_client = SignedInClient()
    editor_client.force_login(make_staff("other", "Editors"))
    assert editor_client.get(reverse("admin:assembly_securityevent_changelist")).status_code == 403


def test_second_step_pages_have_no_inline_script():
    user = make_staff("editor")
    _totp_device(user)
    client, _response = _password_only(user)
    response = client.get(VERIFY)
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert "'unsafe-inline'" not in policy["script-src"]
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert all('type="application/json"' in attrs for attrs in scripts)


def test_make_run_admin_line_gives_a_recovery_code_that_signs_in():
    out = StringIO()
    call_command("ensure_dev_superuser", stdout=out)
    line = out.getvalue()
    password = re.search(r"password '([^']+)'", line).group(1)
    code = re.search(r"recovery code '([^']+)'", line).group(1)
    client = Client()
    client.post(reverse("admin:login"), {"username": "admin", "password": password})
    assert _enter(client, code).status_code == 302
    assert client.get("/admin/").status_code == 200
    # A later run prints a new code; the password is not shown again.
    out = StringIO()
    call_command("ensure_dev_superuser", stdout=out)
    assert "recovery code '" in out.getvalue()
    assert password not in out.getvalue()


@pytest.mark.parametrize(
    ("lang", "text"), [("kk", "Кіру кілтімен растау"), ("ru", "Подтвердить ключом доступа")]
)
def test_passkey_script_speaks_the_admins_language(lang, text):
    client = Client()
    client.cookies["language"] = lang
    response = client.get("/admin/passkeys/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode()
    assert text in body or json.dumps(text)[1:-1] in body


@pytest.mark.parametrize(
    ("hosts", "name"),
    [
        (["127.0.0.1", "localhost", "[::1]"], "localhost"),
        (["10.0.0.5", ".assembly.kz"], "assembly.kz"),
        (["*"], "localhost"),
    ],
)
def test_passkeys_belong_to_the_first_host_name_of_the_site(hosts, name):
    from config.settings import _first_host_name

    assert _first_host_name(hosts) == name
