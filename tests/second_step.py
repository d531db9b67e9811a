"""Signing in through both steps in tests: the password, then a verified second-factor device.

The admin refuses a session without both (assembly/second_factor.py); tests never switch that
off. `SignedInClient.force_login` does what `django_otp.login` does after a right code: it
puts a device of the user into the session.
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from assembly.models import RecoveryCodeDevice
from assembly.second_factor import VERIFIED_AT


def second_step_device(user):
    device, _created = RecoveryCodeDevice.objects.get_or_create(
        user=user, name="tests", defaults={"confirmed": True}
    )
    return device


def recovery_code(user):
    """A fresh single-use code that signs the user in through the real second-step form."""
    return second_step_device(user).add_code()


def verify_session(client, user):
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = second_step_device(user).persistent_id
    session[VERIFIED_AT] = time.time()
    session.save()


class SignedInClient(Client):
    """force_login passes both steps; a client that only gave its password is a plain Client."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        verify_session(self, user)


def sign_in(page, base_url, username, password):
    """The browser signs in as an editor does: password, then a recovery code."""
    from django.contrib.auth import get_user_model

    # Made before the password: an account with a device goes to the second step, not enrolment.
    code = recovery_code(get_user_model().objects.get(username=username))
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.fill("#id_otp_token", code)
    with page.expect_navigation():
        page.click("#second-step-form input[type=submit]")
    assert "/second-step/" not in page.url, "the second step refused the recovery code"
