"""An extra view of a ModelAdmin, routed as the admin routes its own: behind admin_view()
(signed-in staff only) and named ``<app>_<model>_<suffix>``, so that
``reverse("admin:assembly_newsitem_<suffix>")`` finds it."""

from django.urls import path


def model_admin_path(model_admin, route, view, suffix):
    opts = model_admin.model._meta
    return path(
        route,
        model_admin.admin_site.admin_view(view),
        name=f"{opts.app_label}_{opts.model_name}_{suffix}",
    )
