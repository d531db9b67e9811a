"""django-axes' sign-in records, for superusers only: they hold editors' names and addresses."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin


class SuperusersOnly:
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def restrict_to_superusers(site):
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        if site.is_registered(model):
            model_admin = type(site.get_model_admin(model))
            site.unregister(model)
            site.register(model, type(model_admin.__name__, (SuperusersOnly, model_admin), {}))


restrict_to_superusers(admin.site)
