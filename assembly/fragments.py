"""Parts of pages kept in the cache under the content version.

The full-page cache (assembly/cache.py) serves anonymous readers a whole page. A fragment is
a costly part shared by many pages or readers, kept on its own: rendered HTML (an article
with its mentions and related news) or the data behind it (the counts that lists show). So
a page the page cache cannot serve is still quick to build. Like pages, fragments are keyed
by the content version: any save or delete renews them all. CACHE_FRAGMENTS=0 turns them
off, to measure the cost of building every part.

As with the page cache, the cache is a speed-up only: when it fails, the part is computed.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from assembly.cache import content_version

logger = logging.getLogger(__name__)

MAX_KEY_LENGTH = 200
# A scheduled item that goes live changes counts and related news without an edit, so
# without a new content version: fragments show it within this many seconds.
FRAGMENT_SECONDS = 60


def remembered(key, compute, timeout):
    """``compute()``'s result, kept for ``timeout`` seconds under ``key``.

    None is never kept. When the cache fails, the value is computed and the error logged.
    """
    try:
        value = cache.get(key)
    except Exception:
        logger.exception("Cache: could not read %s", key)
        return compute()
    if value is None:
        value = compute()
        if value is not None:
            try:
                cache.set(key, value, timeout)
            except Exception:
                logger.exception("Cache: could not write %s", key)
    return value


def cached_fragment(name, parts, render):
    """``render()``'s result, kept under ``name``, ``parts`` and the content version."""
    version = content_version() if settings.CACHE_FRAGMENTS else None
    if version is None:
        return render()
    key = ":".join(["fragment", name, version, *map(str, parts)])
    if len(key) > MAX_KEY_LENGTH:  # parts from a URL can be long; memcached takes 250
        key = "fragment:" + hashlib.sha256(key.encode()).hexdigest()
    return remembered(key, render, FRAGMENT_SECONDS)
