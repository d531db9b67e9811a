"""Costly parts of pages kept on their own: an article's HTML, the counts that lists show.

A page the page cache cannot serve is still quick to build. A fragment is tagged like a page
(assembly/cache.py); its tags count for the page that shows it. Like a page it is kept
compressed: an article's HTML and its item, stored as they are, took twice the memory of the
compressed page that shows them. CACHE_FRAGMENTS=0 turns them off, to measure the cost of
building every part.
"""

import hashlib
import logging
import pickle
import zlib

from django.conf import settings
from django.core.cache import cache

from assembly.cache import collecting, is_fresh, tag, tag_names, versions

logger = logging.getLogger(__name__)

MAX_KEY_LENGTH = 200


def cached_fragment(name, parts, render, tags=()):
    """``render()`` (never None) under ``name`` and ``parts`` until a tag it shows changes."""
    tag(*tags)
    if not settings.CACHE_FRAGMENTS:
        return render()
    key = ":".join(["fragment", name, *map(str, parts)])
    if len(key) > MAX_KEY_LENGTH:  # parts from a URL can be long; memcached takes 250
        key = "fragment:" + hashlib.sha256(key.encode()).hexdigest()
    try:
        entry = cache.get(key)
        if entry is not None and is_fresh(entry[0]):
            tag(*tag_names(entry[0]))
            return unpack(entry[1])
    except Exception:
        logger.exception("Cache: could not read %s", key)
        return render()
    with collecting() as shown:
        value = tag(*tags) or render()
    if value is not None:
        try:
            cache.set(key, (versions(shown), pack(value)), settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Cache: could not write %s", key)
    return value


def pack(value):
    return zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 6)


def unpack(data):
    return pickle.loads(zlib.decompress(data))


def remembered(key, compute, timeout):
    """``compute()`` for ``timeout`` seconds, untagged: image renditions, named by their file."""
    try:
        value = cache.get(key)
        if value is None and (value := compute()) is not None:
            cache.set(key, value, timeout)
        return value
    except Exception:
        logger.exception("Cache: could not use %s", key)
        return compute()
