from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.decorators.vary import vary_on_cookie

from .base import TranslatedSlugDetailView, get_by_translated_slug
from .pages import (
    AboutView,
    FeedsView,
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
    TopicListView,
)

__all__ = [
    "AboutView",
    "FeedsView",
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
    "TopicListView",
    "TranslatedSlugDetailView",
    "favicon",
    "get_by_translated_slug",
    "robots_txt",
    "root_redirect",
]


@vary_on_cookie  # the language cookie chooses the page, as Accept-Language does
def root_redirect(request):
    lang = translation.get_language_from_request(request, check_path=False)
    with translation.override(lang):
        return redirect(reverse("assembly:home"))


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page says; send them to the real icon.
    return redirect(staticfiles_storage.url("img/favicon.svg"), permanent=True)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
