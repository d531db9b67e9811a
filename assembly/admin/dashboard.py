from django.contrib import admin
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assembly import languages, translation_status

from .roles import translator_languages

LISTED_ITEMS = 10


def _changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _to_translate(model, queryset, lang):
    """The first outdated, then missing, items of ``lang``, linked to their translate screen."""
    outdated = translation_status.outdated_pks(queryset, lang)[:LISTED_ITEMS]
    missing = queryset.filter(translation_status.missing_condition(model, lang))
    items = [
        *(
            (obj, translation_status.OUTDATED)
            for obj in queryset.filter(pk__in=outdated).order_by("pk")
        ),
        *((obj, translation_status.MISSING) for obj in missing.order_by("pk")[:LISTED_ITEMS]),
    ][:LISTED_ITEMS]
    info = model._meta.app_label, model._meta.model_name
    return [
        {
            "object": obj,
            "state": state,
            "state_label": translation_status.STATE_LABELS[state],
            "url": reverse("admin:{}_{}_translate".format(*info), args=(quote(obj.pk), lang)),
        }
        for obj, state in items
    ]


def dashboard_rows(request):
    rows = []
    for model in languages.tracked_models():
        perms = model._meta.app_label, model._meta.model_name
        if not request.user.has_perm("{}.view_{}".format(*perms)) and not request.user.has_perm(
            "{}.change_{}".format(*perms)
        ):
            continue
        queryset = model._base_manager.all()
        url = _changelist_url(model)
        may_translate = request.user.has_perm("{}.change_{}".format(*perms))
        cells = []
        for lang in languages.content_languages():
            counts = translation_status.language_counts(queryset, lang)
            translatable = may_translate and lang in translator_languages(request.user)
            cells.append(
                {
                    "lang": lang,
                    "name": languages.language_name(lang),
                    "counts": counts,
                    "missing_url": f"{url}?missing_in={lang}",
                    "outdated_url": (
                        f"{url}?outdated_in={lang}" if lang != languages.source_language() else None
                    ),
                    "to_translate": _to_translate(model, queryset, lang) if translatable else [],
                }
            )
        import_url = (
            reverse("admin:{}_{}_import_translations".format(*perms)) if may_translate else None
        )
        rows.append(
            {
                "name": model._meta.verbose_name_plural,
                "url": url,
                "cells": cells,
                "import_url": import_url,
            }
        )
    return rows


def translation_dashboard(request):
    rows = dashboard_rows(request)
    if not rows:
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "languages": [
            (code, languages.language_name(code)) for code in languages.content_languages()
        ],
    }
    return TemplateResponse(request, "admin/assembly/translation_dashboard.html", context)


translation_dashboard_view = admin.site.admin_view(translation_dashboard)
