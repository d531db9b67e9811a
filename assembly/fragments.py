"""Costly parts of pages kept on their own: an article's HTML, the counts that lists show.

A page the page cache cannot serve is still quick to build. A fragment is tagged like a page
(assembly/cache.py) and its tags count for the page that shows it. CACHE_FRAGMENTS=0 turns
fragments off, to measure the cost of building every part.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from assembly.cache import remember, tag

logger = logging.getLogger(__name__)

MAX_KEY_LENGTH = 200


def cached_fragment(name, parts, render, tags=()):
    """``render()``'s result, kept under ``name`` and ``parts`` until a tag it shows changes."""
    tag(*tags)
    if not settings.CACHE_FRAGMENTS:
        return render()
    key = ":".join(["fragment", name, *map(str, parts)])
    if len(key) > MAX_KEY_LENGTH:  # parts from a URL can be long; memcached takes 250
        key = "fragment:" + hashlib.sha256(key.encode()).hexdigest()
    return remember(key, lambda: tag(*tags) or render(), settings.PAGE_CACHE_TIMEOUT)


def remembered(key, compute, timeout):
    """``compute()``'s result for ``timeout`` seconds, whatever changes: for image renditions,
    whose file names change with the image."""
    try:
        value = cache.get(key)
    except Exception:
        logger.exception("Cache: could not read %s", key)
        return compute()
    if value is None and (value := compute()) is not None:
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.exception("Cache: could not write %s", key)
    return value
