from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assembly import languages, translation_status


class LanguageFilter(admin.SimpleListFilter):
    """Records by one language: offered are the codes language_codes() gives; a chosen one
    keeps the records that condition() holds for."""

    def lookups(self, request, model_admin):
        return [(code, languages.language_name(code)) for code in self.language_codes()]

    def queryset(self, request, queryset):
        lang = self.value()
        if lang not in self.language_codes():
            return queryset
        return queryset.filter(self.condition(queryset, lang))


class MissingTranslationFilter(LanguageFilter):
    title = _("missing in")
    parameter_name = "missing_in"
    language_codes = staticmethod(languages.content_languages)

    def condition(self, queryset, lang):
        return translation_status.missing_condition(queryset.model, lang)


class OutdatedTranslationFilter(LanguageFilter):
    title = _("outdated in")
    parameter_name = "outdated_in"
    language_codes = staticmethod(languages.translation_languages)

    def condition(self, queryset, lang):
        return Q(pk__in=translation_status.outdated_pks(queryset, lang))
