"""schema.org data for search engines, emitted as JSON-LD."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# Characters that could end the <script> element or start a comment inside it.
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES:  # str.replace is far quicker than str.translate
        text = text.replace(char, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def organization(request):
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": str(settings.SITE_NAME),
        "url": request.build_absolute_uri("/"),
        "logo": request.build_absolute_uri(static("img/logo.png")),
    }


def breadcrumb_list(request, crumbs):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": request.build_absolute_uri(url),
            }
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def news_article(request, item, *, language, image_url=None):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.lead,
        "mainEntityOfPage": request.build_absolute_uri(item.get_absolute_url()),
        "datePublished": item.published_at.isoformat(),
        "dateModified": max(item.updated_at, item.published_at).isoformat(),
        "inLanguage": language,
        "publisher": {
            "@type": "Organization",
            "name": str(settings.SITE_NAME),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static("img/logo.png")),
            },
        },
        "author": {"@type": "Organization", "name": str(settings.SITE_NAME)},
    }
    if image_url:
        data["image"] = [request.build_absolute_uri(image_url)]
    if item.source_report_url:
        data["isBasedOn"] = {
            "@type": "NewsArticle",
            "url": item.source_report_url,
            "publisher": {"@type": "Organization", "name": item.source_name or gettext("source")},
        }
        if item.source_date:
            data["isBasedOn"]["datePublished"] = item.source_date.isoformat()
    return data
