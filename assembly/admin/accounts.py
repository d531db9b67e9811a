"""Users and groups in the admin's language.

Group names and permission names are stored in English (migration 0001_squashed_0013, Django's
create_permissions); they are named here, when shown, through the catalogs.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .roles import GROUP_LABELS, group_label
from .second_factor import has_remove_devices_permission, remove_second_step_devices

DEFAULT_ACTIONS = {
    "add": _("can add"),
    "change": _("can change"),
    "delete": _("can delete"),
    "view": _("can view"),
}


def permission_label(permission):
    """«Ассамблея сайты | жаңалық | қосуға болады» for "Can add news item"."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is not None and action in DEFAULT_ACTIONS and model_name == model._meta.model_name:
        name = DEFAULT_ACTIONS[action]
    else:
        name = gettext(permission.name)  # the project's own permissions are in its catalog
    return f"{content_type} | {name}"


def _translated_choices(formfield, db_field):
    if formfield is None:
        return formfield
    if db_field.name == "groups":
        formfield.label_from_instance = group_label
    elif db_field.name in ("permissions", "user_permissions"):
        formfield.label_from_instance = permission_label
    return formfield


class TranslatedGroupAdmin(GroupAdmin):
    list_display = ("translated_name",)

    @admin.display(description=_("name"), ordering="name")
    def translated_name(self, group):
        return group_label(group)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _translated_choices(formfield, db_field)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        group = self.get_object(request, unquote(object_id))
        if group is not None:
            extra_context = {**(extra_context or {}), "subtitle": group_label(group)}
        return super().change_view(request, object_id, form_url, extra_context)


class GroupListFilter(admin.RelatedFieldListFilter):
    def field_choices(self, field, request, model_admin):
        choices = super().field_choices(field, request, model_admin)
        return [(pk, str(GROUP_LABELS.get(name, name))) for pk, name in choices]


class TranslatedUserAdmin(UserAdmin):
    list_filter = ("is_staff", "is_superuser", "is_active", ("groups", GroupListFilter))
    actions = [remove_second_step_devices]
    has_remove_devices_permission = has_remove_devices_permission

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _translated_choices(formfield, db_field)


User = get_user_model()
for model, model_admin in ((Group, TranslatedGroupAdmin), (User, TranslatedUserAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
