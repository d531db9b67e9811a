"""The 404 page: the site's header, a search for the address's words, and the item meant.

A reader who mistypes or cuts an address short usually meant an item whose slug begins like
the one asked for, or differs from it by a letter or two.
"""

import difflib
import re

from django.db import DatabaseError
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext

from assembly import languages
from assembly.models import Initiative, Institution, NewsItem, Topic

# The first part of a reader's address after the language, and what it holds.
SECTIONS = {
    "news": lambda: NewsItem.objects.published(),
    "initiatives": lambda: Initiative.objects.published(),
    "institutions": lambda: Institution.objects.published(),
    "topics": lambda: Topic.objects.all(),
}
CLOSE_ENOUGH = 0.75
SHORTEST_BEGINNING = 4
QUERY_LENGTH = 200


def path_parts(request):
    """The address's parts after the language prefix, if it has one."""
    parts = [part for part in request.path_info.split("/") if part]
    if parts and translation.get_language_from_path(request.path_info):
        parts = parts[1:]
    return parts


def words_of(parts):
    words = re.split(r"[^\w]+|_", " ".join(parts[-1:]))
    return " ".join(word for word in words if word)[:QUERY_LENGTH]


def suggestion(parts):
    """The public item whose slug starts with, or nearly matches, the one asked for."""
    if len(parts) != 2 or parts[0] not in SECTIONS:
        return None
    slug = parts[1].lower()
    field = f"slug_{languages.content_language_of(translation.get_language())}"
    queryset = SECTIONS[parts[0]]()
    if len(slug) >= SHORTEST_BEGINNING:
        found = queryset.filter(**{f"{field}__startswith": slug}).first()
        if found is not None:
            return found
    slugs = [s for s in queryset.values_list(field, flat=True) if s]
    close = difflib.get_close_matches(slug, slugs, n=1, cutoff=CLOSE_ENOUGH)
    return queryset.filter(**{field: close[0]}).first() if close else None


def page_not_found(request):
    """The 404 page, or None when it cannot be built (the database is away)."""
    parts = path_parts(request)
    try:
        found = suggestion(parts)
        return render(
            request,
            "404.html",
            {
                "page_title": gettext("Page not found"),
                "noindex": True,
                "suggestion": found,
                "not_found_query": words_of(parts),
            },
            status=404,
        )
    except DatabaseError:
        return None
