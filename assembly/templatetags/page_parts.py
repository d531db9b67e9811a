"""Parts of every page that depend only on the language: rendered once per process.

The menus, the footer and the feed links hold nothing but translated text, static file
names and addresses without arguments, so a process keeps each rendering per language
instead of building the same HTML for every request. With DEBUG on, templates are read
anew on every request, as usual.
"""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from assembly.addresses import cached_reverse

register = template.Library()

_rendered = {}


@register.simple_tag
def language_include(template_name):
    """{% include %} for a template that needs no context but the active language."""
    key = (template_name, translation.get_language(), get_script_prefix())
    html = _rendered.get(key)
    if html is None:
        html = render_to_string(template_name)
        if not settings.DEBUG:
            _rendered[key] = html
    return mark_safe(html)


@register.simple_tag
def address(name):
    """{% url name %} for an address without arguments, remembered (assembly/addresses.py)."""
    return cached_reverse(name)


@receiver(setting_changed)
def _forget_renderings(**kwargs):
    # Tests change settings (static storage, URLs, languages) that these pages depend on.
    _rendered.clear()
