"""The admin site: the site's content first, and the editor's own admin language.

Outside the assembly.admin package: Django builds the default site the first time it is
used, which happens while that package is being imported.
"""

from django.contrib import admin
from django.urls import path

from .admin_language import set_admin_language

CONTENT_APP = "assembly"
# The order editors work in; models not named here follow in Django's order.
CONTENT_ORDER = ("newsitem", "initiative", "institution", "topic", "region")


class AssemblyAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] == CONTENT_APP:
                app["models"].sort(key=_content_position)
        # sort() keeps Django's order among the other apps.
        apps.sort(key=lambda app: app["app_label"] != CONTENT_APP)
        return apps

    def get_urls(self):
        return [
            # Open before sign-in too: the sign-in page offers the switcher.
            path("language/", set_admin_language, name="language"),
            *super().get_urls(),
        ]


def _content_position(model_entry):
    name = model_entry["object_name"].lower()
    return CONTENT_ORDER.index(name) if name in CONTENT_ORDER else len(CONTENT_ORDER)
