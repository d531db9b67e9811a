from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import views
from .operations.health import healthz
from .sitemaps import SITEMAPS


def sitemap_section(request, **kwargs):
    return sitemap_views.sitemap(request, **kwargs)


# A long section is split into pages (SITEMAP_LIMIT); the page cache keys it on its page alone.
sitemap_section.page_parameters = ("p",)

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
