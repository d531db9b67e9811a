from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Initiative, Institution, KeyFigure, NewsItem, Region, Topic

TRANSLATED_SEARCH = ("{field}_kk", "{field}_ru", "{field}_en")


def search_in_all_languages(*fields):
    return tuple(pattern.format(field=f) for f in fields for pattern in TRANSLATED_SEARCH)


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("code", *search_in_all_languages("name"))
    ordering = ("position",)


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug")
    search_fields = search_in_all_languages("name")
    prepopulated_fields = {
        "slug_kk": ("name_kk",),
        "slug_ru": ("name_ru",),
        "slug_en": ("name_en",),
    }


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    extra = 0
    fields = (
        "position",
        "qualifier",
        "value",
        "unit",
        "label",
        "year",
        "institution",
        "initiative",
    )
    autocomplete_fields = ("institution", "initiative")


@admin.register(NewsItem)
class NewsItemAdmin(TabbedTranslationAdmin):
    list_display = ("title", "status", "published_at", "featured", "source_name")
    list_filter = ("status", "featured", "topics", "regions")
    search_fields = search_in_all_languages("title", "lead")
    date_hierarchy = "published_at"
    autocomplete_fields = ("topics", "region", "regions", "initiatives", "institutions")
    prepopulated_fields = {
        "slug_kk": ("title_kk",),
        "slug_ru": ("title_ru",),
        "slug_en": ("title_en",),
    }
    inlines = [KeyFigureInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (_("Image"), {"fields": ("hero_image", "hero_alt", "hero_caption", "hero_credit")}),
        (_("Publication"), {"fields": ("status", "published_at", "featured")}),
        (_("Source"), {"fields": ("source_name", "source_url", "source_date", "dateline")}),
        (
            _("Links"),
            {"fields": ("topics", "region", "regions", "initiatives", "institutions")},
        ),
    )


@admin.register(Initiative)
class InitiativeAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "organizer", "start_year", "status", "is_published")
    list_filter = ("kind", "status", "is_published")
    search_fields = search_in_all_languages("name", "summary")
    autocomplete_fields = ("organizer",)
    prepopulated_fields = {
        "slug_kk": ("name_kk",),
        "slug_ru": ("name_ru",),
        "slug_en": ("name_en",),
    }


@admin.register(Institution)
class InstitutionAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "level", "region", "status", "is_published")
    list_filter = ("kind", "level", "status", "region", "is_published")
    search_fields = search_in_all_languages("name", "description")
    autocomplete_fields = ("parent", "region")
    prepopulated_fields = {
        "slug_kk": ("name_kk",),
        "slug_ru": ("name_ru",),
        "slug_en": ("name_en",),
    }
