"""Addresses of pages, computed once per language.

Django's reverse() walks the URL patterns on every call; an article page needs dozens of
addresses (menus, mentions, language versions), so they are remembered per process. The key
holds the active language and the script prefix, the two things besides the arguments that
reverse() reads.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import translation


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
