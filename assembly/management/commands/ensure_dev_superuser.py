import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from assembly.models import RecoveryCodeDevice

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Creates a development superuser with a random password, printed once, and prints a "
        "new single-use recovery code for the second step on every run (make run only)."
    )

    def handle(self, *args, **options):
        admin_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/"
        user_model = get_user_model()
        user = user_model.objects.filter(username=USERNAME).first()
        password = None
        if user is None:
            password = secrets.token_urlsafe(12)
            user = user_model.objects.create_superuser(USERNAME, "", password)
        # One live code at a time: each run replaces the one printed before.
        device, _created = RecoveryCodeDevice.objects.get_or_create(
            user=user, name="make run", defaults={"confirmed": True}
        )
        (code,) = device.replace_codes(count=1)
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin: {admin_url} user '{USERNAME}', password '{password}' (shown only "
                    f"now), recovery code '{code}' (single use)"
                )
            )
        else:
            self.stdout.write(
                f"Admin: {admin_url} user '{USERNAME}' (password printed when it was created; "
                "reset with: .venv/bin/python manage.py changepassword admin), "
                f"recovery code '{code}' (single use)"
            )
