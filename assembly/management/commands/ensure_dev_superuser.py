import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Creates a development superuser with a random password, printed once."

    def handle(self, *args, **options):
        admin_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/"
        user_model = get_user_model()
        if user_model.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Admin: {admin_url} user '{USERNAME}' (password printed "
                "when it was created; reset with: .venv/bin/python manage.py changepassword admin)"
            )
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(USERNAME, "", password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {admin_url} user '{USERNAME}', password '{password}' (shown only now)"
            )
        )
