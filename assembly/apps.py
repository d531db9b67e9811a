from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    # The app's own configuration; the two below are named in INSTALLED_APPS.
    default = True
    name = "assembly"
    verbose_name = _("Assembly site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import invalidation, second_factor  # noqa: F401 - second_factor stamps each sign-in
        from .search import index as search_index

        # The search entries first: pages rendered after the invalidation find the new text.
        search_index.connect_signals()
        invalidation.connect_signals()


class AdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "assembly.admin_site.AssemblyAdminSite"


class AxesConfig(axes_apps.AppConfig):
    default = False
    verbose_name = _("Sign-in log")
