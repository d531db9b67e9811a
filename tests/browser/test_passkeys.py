"""Passkeys in Chromium, through a virtual authenticator of the DevTools Protocol's WebAuthn
domain: an editor registers one at enrolment and signs in with it."""

import pytest

from tests.admin_helpers import fast_password_hashing  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.browser

PASSWORD = "Passkey-Editor-2025!"


@pytest.fixture
def passkey_page(browser, site, settings):
    from django.contrib.auth import get_user_model

    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [site.url]
    get_user_model().objects.create_user("passkey-editor", password=PASSWORD, is_staff=True)
    # The site's real Content Security Policy: the WebAuthn scripts must run under it.
    context = browser.new_context()
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    page.authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    page.cdp = cdp
    page.context.add_cookies([{"name": "language", "value": "en", "url": site.url}])
    yield page
    context.close()


def _password(page, site):
    page.goto(f"{site.url}/admin/login/")
    page.fill("#id_username", "passkey-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def _enrol_with_passkey(page, site):
    _password(page, site)
    page.wait_for_url("**/admin/second-step/enrol/**")
    page.get_by_role("link", name="A passkey").click()
    page.locator("#passkey-register-button").click()
    page.wait_for_url("**/admin/second-step/recovery-codes/**")
    assert page.locator("ol.recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved the codes").click()
    page.locator("#user-tools").wait_for()


def _sign_out(page):
    page.locator("#logout-form button").click()
    page.wait_for_url("**/admin/logout/")


def test_editor_registers_a_passkey_and_signs_in_with_it(passkey_page, site):
    from assembly.models import SecurityEvent

    page = passkey_page
    _enrol_with_passkey(page, site)
    credentials = page.cdp.send("WebAuthn.getCredentials", {"authenticatorId": page.authenticator})[
        "credentials"
    ]
    assert len(credentials) == 1

    _sign_out(page)
    _password(page, site)
    page.wait_for_url("**/admin/second-step/**")
    page.locator("#passkey-verification-button").click()
    page.locator("#user-tools").wait_for()
    assert page.url == f"{site.url}/admin/"
    assert page.get_by_role("link", name="Sign-in devices").count() == 1
    assert SecurityEvent.objects.filter(kind="signed_in", device__startswith="Passkey").exists()
    assert page.violations == []


def test_passkey_used_from_another_origin_is_refused(passkey_page, site, settings):
    from assembly.models import SecurityEvent

    page = passkey_page
    _enrol_with_passkey(page, site)
    _sign_out(page)
    # The passkey now answers for an origin the site does not accept as its own.
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://assembly.example"]
    _password(page, site)
    page.wait_for_url("**/admin/second-step/**")
    page.locator("#passkey-verification-button").click()
    status = page.locator("#passkey-verification-status-message")
    status.filter(has_text="The passkey was not accepted").wait_for()
    assert "/admin/second-step/" in page.url
    assert page.locator("#user-tools").count() == 0
    assert SecurityEvent.objects.filter(kind="failed").count() == 1
