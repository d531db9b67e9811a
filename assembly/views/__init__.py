from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .base import TranslatedSlugDetailView, get_by_translated_slug
from .pages import (
    AboutView,
    HomeView,
    InitiativeDetailView,
    InitiativeListView,
    InstitutionDetailView,
    InstitutionListView,
    NewsDetailView,
    NewsListView,
    NewsMonthArchiveView,
    NewsYearArchiveView,
    RegionDetailView,
    RegionListView,
    TopicDetailView,
)

__all__ = [
    "AboutView",
    "HomeView",
    "InitiativeDetailView",
    "InitiativeListView",
    "InstitutionDetailView",
    "InstitutionListView",
    "NewsDetailView",
    "NewsListView",
    "NewsMonthArchiveView",
    "NewsYearArchiveView",
    "RegionDetailView",
    "RegionListView",
    "TopicDetailView",
    "TranslatedSlugDetailView",
    "get_by_translated_slug",
    "healthz",
    "robots_txt",
    "root_redirect",
]


def root_redirect(request):
    lang = translation.get_language_from_request(request, check_path=False)
    with translation.override(lang):
        return redirect(reverse("assembly:home"))


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
