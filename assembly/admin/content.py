from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assembly.models import Initiative, Institution, Region, Topic
from assembly.search import indexed_fields

from .base import EditorialAdmin, search_in_all_languages
from .thumbnails import thumbnail


@admin.register(Region)
class RegionAdmin(EditorialAdmin):
    list_display = ("name", "code", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("code", *search_in_all_languages("name"))
    ordering = ("position",)


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    list_display = ("name", "slug")
    search_fields = search_in_all_languages("name")


@admin.register(Initiative)
class InitiativeAdmin(EditorialAdmin):
    list_display = (
        "name",
        "thumbnail",
        "kind",
        "organizer",
        "start_year",
        "status",
        "is_published",
    )
    list_filter = ("kind", "status", "is_published")
    list_select_related = ("organizer",)
    search_fields = indexed_fields(Initiative)
    autocomplete_fields = ("organizer",)
    date_hierarchy = "created_at"

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return thumbnail(obj.image, obj.image_alt)


@admin.register(Institution)
class InstitutionAdmin(EditorialAdmin):
    list_display = ("name", "thumbnail", "kind", "level", "region", "status", "is_published")
    list_filter = ("kind", "level", "status", "region", "is_published")
    list_select_related = ("region",)
    search_fields = indexed_fields(Institution)
    autocomplete_fields = ("parent", "region")
    date_hierarchy = "created_at"

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return thumbnail(obj.image, obj.image_alt)
