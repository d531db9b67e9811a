from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assembly import languages, translation_status


def _language_choices(codes):
    return [(code, languages.language_name(code)) for code in codes]


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing in")
    parameter_name = "missing_in"

    def lookups(self, request, model_admin):
        return _language_choices(languages.content_languages())

    def queryset(self, request, queryset):
        lang = self.value()
        if lang not in languages.content_languages():
            return queryset
        return queryset.filter(translation_status.missing_condition(queryset.model, lang))


class OutdatedTranslationFilter(admin.SimpleListFilter):
    title = _("outdated in")
    parameter_name = "outdated_in"

    def lookups(self, request, model_admin):
        return _language_choices(languages.translation_languages())

    def queryset(self, request, queryset):
        lang = self.value()
        if lang not in languages.translation_languages():
            return queryset
        return queryset.filter(pk__in=translation_status.outdated_pks(queryset, lang))
