"""The admin site: the site's content first, and the editor's own admin language.

Outside the assembly.admin package: Django builds the default site the first time it is
used, which happens while that package is being imported.
"""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path

from .admin_language import set_admin_language

CONTENT_APP = "assembly"
# The order editors work in; models not named here follow in Django's order.
CONTENT_ORDER = ("newsitem", "initiative", "institution", "topic", "region")


class AssemblyAdminSite(admin.AdminSite):
    # The sidebar repeats the index and takes a quarter of a 1280 px screen from every form.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] == CONTENT_APP:
                app["models"].sort(key=_content_position)
        # sort() keeps Django's order among the other apps.
        apps.sort(key=lambda app: app["app_label"] != CONTENT_APP)
        return apps

    def has_permission(self, request):
        # Both steps: the password and the second factor (assembly/second_factor.py).
        is_verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and is_verified is not None and is_verified()

    def login(self, request, extra_context=None):
        from .second_factor import second_step_url

        response = super().login(request, extra_context)
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            if request.method == "POST" and response.status_code == 302:
                return redirect(second_step_url(request, response.url))
            if not user.is_verified():
                return redirect(second_step_url(request, request.GET.get("next", "")))
        return response

    def get_urls(self):
        from .admin.second_factor import admin_urls

        return [
            # Open before sign-in too: the sign-in page offers the switcher.
            path("language/", set_admin_language, name="language"),
            *admin_urls(self),
            *super().get_urls(),
        ]


def _content_position(model_entry):
    name = model_entry["object_name"].lower()
    return CONTENT_ORDER.index(name) if name in CONTENT_ORDER else len(CONTENT_ORDER)
