from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assembly import translation_status


def _language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing in")
    parameter_name = "missing_in"

    def lookups(self, request, model_admin):
        return _language_choices()

    def queryset(self, request, queryset):
        lang = self.value()
        if lang not in dict(settings.LANGUAGES):
            return queryset
        return queryset.filter(translation_status.missing_condition(queryset.model, lang))


class OutdatedTranslationFilter(admin.SimpleListFilter):
    title = _("outdated in")
    parameter_name = "outdated_in"

    def lookups(self, request, model_admin):
        return [
            (code, name)
            for code, name in _language_choices()
            if code != translation_status.SOURCE_LANGUAGE
        ]

    def queryset(self, request, queryset):
        lang = self.value()
        if lang not in translation_status.target_languages():
            return queryset
        return queryset.filter(pk__in=translation_status.outdated_pks(queryset, lang))
