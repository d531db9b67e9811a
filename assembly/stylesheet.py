"""The site's stylesheet, written into the head of every public page.

A linked stylesheet blocks the first paint for one more round trip: on a phone at 400 kbit/s
and 400 ms that alone puts the first paint past one second. static/css/site.css is small
(under 6 KB compressed), so each page carries it in a <style> element instead, and the
Content-Security-Policy allows exactly that text by its hash (assembly/middleware.py). Its
font addresses become the static files' own (hashed) URLs, the ones the head preloads.

The page cache keys pages by the stylesheet's digest too (assembly/cache.py): a page cached
before a deploy would carry the old text, which the new policy's hash no longer allows.
"""

import base64
import hashlib
import posixpath
import re
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static

SITE_CSS = "css/site.css"

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_INDENT = re.compile(r"\n\s+")
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


def _absolute_url(match):
    quote, address = match.groups()
    if address.startswith(("/", "data:", "http:", "https:", "#")):
        return match.group(0)
    name = posixpath.normpath(posixpath.join(posixpath.dirname(SITE_CSS), address))
    return f"url({quote}{static(name)}{quote})"


def _read():
    path = finders.find(SITE_CSS)
    if path is None:
        raise ImproperlyConfigured(f"{SITE_CSS} is not among the static files.")
    with open(path, encoding="utf-8") as file:
        css = file.read()
    # The comments are for whoever edits the file; readers need not download them.
    css = _INDENT.sub("\n", _COMMENT.sub("", css)).strip()
    if re.search(r"</style", css, re.IGNORECASE):
        raise ImproperlyConfigured(f"{SITE_CSS} contains '</style', which would end the element.")
    return _URL.sub(_absolute_url, css)


@lru_cache(maxsize=1)
def _remembered():
    css = _read()
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return css, f"'sha256-{digest}'"


def _current():
    # With DEBUG on (`make run`) an edit of the file shows at the next request.
    if settings.DEBUG:
        _remembered.cache_clear()
    return _remembered()


def site_css():
    """The text of the <style> element: site.css without comments, with absolute URLs."""
    return _current()[0]


def site_css_source():
    """The CSP source that allows exactly that text: ``'sha256-…'``."""
    return _current()[1]


@receiver(setting_changed)
def _forget(**kwargs):
    # Tests change the static storage, whose URLs the text holds.
    _remembered.cache_clear()
