from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assembly import translation_status
from assembly.models import Initiative, Institution, NewsItem, Region, Topic

DASHBOARD_MODELS = (NewsItem, Initiative, Institution, Topic, Region)


def _changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def dashboard_rows(request):
    rows = []
    for model in DASHBOARD_MODELS:
        perms = model._meta.app_label, model._meta.model_name
        if not request.user.has_perm("{}.view_{}".format(*perms)) and not request.user.has_perm(
            "{}.change_{}".format(*perms)
        ):
            continue
        queryset = model._base_manager.all()
        url = _changelist_url(model)
        cells = []
        for lang, name in settings.LANGUAGES:
            counts = translation_status.language_counts(queryset, lang)
            cells.append(
                {
                    "lang": lang,
                    "name": name,
                    "counts": counts,
                    "missing_url": f"{url}?missing_in={lang}",
                    "outdated_url": (
                        f"{url}?outdated_in={lang}"
                        if lang != translation_status.SOURCE_LANGUAGE
                        else None
                    ),
                }
            )
        rows.append({"name": model._meta.verbose_name_plural, "url": url, "cells": cells})
    return rows


def translation_dashboard(request):
    rows = dashboard_rows(request)
    if not rows:
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "languages": settings.LANGUAGES,
    }
    return TemplateResponse(request, "admin/assembly/translation_dashboard.html", context)


translation_dashboard_view = admin.site.admin_view(translation_dashboard)
