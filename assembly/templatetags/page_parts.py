"""Parts of every page that depend only on the language: rendered once per process.

The menus, the footer and the feed links hold nothing but translated text, static file
names and addresses without arguments, so a process keeps each rendering per language
instead of building the same HTML for every request. With DEBUG on, templates are read
anew on every request, as usual.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from assembly import stylesheet
from assembly.addresses import cached_reverse

register = template.Library()

# A few templates in each language: room for every one, while a key that could come from a
# request (the script prefix) cannot grow a process without bound.
MAX_RENDERINGS = 64


@lru_cache(maxsize=MAX_RENDERINGS)
def _rendered(template_name, lang, prefix):
    # The language and the script prefix are what render_to_string() reads besides the
    # template: they are part of the key, not arguments.
    return render_to_string(template_name)


@register.simple_tag
def language_include(template_name):
    """{% include %} for a template that needs no context but the active language."""
    if settings.DEBUG:
        return mark_safe(render_to_string(template_name))
    return mark_safe(_rendered(template_name, translation.get_language(), get_script_prefix()))


@register.simple_tag
def site_stylesheet():
    """The site's stylesheet as a <style> element (assembly/stylesheet.py)."""
    return mark_safe(f"<style>{stylesheet.site_css()}</style>")


@register.simple_tag
def address(name):
    """{% url name %} for an address without arguments, remembered (assembly/addresses.py)."""
    return cached_reverse(name)


@receiver(setting_changed)
def _forget_renderings(**kwargs):
    # Tests change settings (static storage, URLs, languages) that these pages depend on.
    _rendered.cache_clear()
