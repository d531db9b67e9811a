"""Addresses of pages: computed once per language, and the query parameters a page reads.

Django's reverse() walks the URL patterns on every call; an article page needs dozens of
addresses (menus, mentions, language versions), so they are remembered per process. The key
holds the active language and the script prefix, the two things besides the arguments that
reverse() reads.
"""

from functools import lru_cache
from urllib.parse import urlencode

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import QueryDict
from django.urls import Resolver404, get_script_prefix, resolve, reverse
from django.utils import translation
from django.utils.translation import get_language_from_request


@lru_cache(maxsize=16384)
def _reverse(prefix, lang, name, kwargs):
    return reverse(name, kwargs=dict(kwargs))


def cached_reverse(name, **kwargs):
    """reverse(name, kwargs=kwargs), remembered."""
    key = tuple(sorted(kwargs.items()))
    return _reverse(get_script_prefix(), translation.get_language(), name, key)


@receiver(setting_changed)
def _forget_on_urlconf_change(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


def page_parameters(request):
    """The query parameters the page at this path depends on: its view's ``page_parameters``.

    Any other parameter (utm_source, fbclid, a random one) changes nothing on the page.
    """
    # Before LocaleMiddleware: the path's language must be active to resolve it.
    language = get_language_from_request(request, check_path=True)
    try:
        with translation.override(language):
            match = resolve(request.path_info)
    except Resolver404:
        return frozenset()
    view = getattr(match.func, "view_class", match.func)
    return frozenset(getattr(view, "page_parameters", ()))


def page_query(request):
    """The request's page parameters, in a fixed order: two URLs of one page share a key."""
    if not request.GET:
        return request.GET  # nothing to drop: no need to resolve the path
    names = sorted(page_parameters(request).intersection(request.GET))
    return QueryDict(
        urlencode([(name, value) for name in names for value in request.GET.getlist(name)])
    )
