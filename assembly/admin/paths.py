"""The admin's names for a model's views, ``<app>_<model>_<suffix>`` as ModelAdmin.get_urls()
names its own ("changelist", "change", "history"): the extra views are routed by
model_admin_path() (behind admin_view(), signed-in staff only) and every view is found by
model_admin_url()."""

from django.urls import path, reverse


def model_admin_path(model_admin, route, view, suffix):
    opts = model_admin.model._meta
    return path(
        route,
        model_admin.admin_site.admin_view(view),
        name=f"{opts.app_label}_{opts.model_name}_{suffix}",
    )


def model_admin_url(model_admin, suffix, *args):
    """The address of the view model_admin_path() (or the admin itself) named ``suffix``."""
    opts = model_admin.model._meta
    name = f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{suffix}"
    return reverse(name, args=args)
