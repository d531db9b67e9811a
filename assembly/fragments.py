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

from assembly.cache import collecting, fresh, keep, tag, versions

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
        if (packed := fresh(key)) is not None:
            return unpack(packed)
    except Exception:
        logger.exception("Cache: could not read %s", key)
        return render()
    with collecting() as shown:
        value = tag(*tags) or render()
    if value is not None:
        try:
            keep(key, versions(shown), pack(value), settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Cache: could not write %s", key)
    return value


def pack(value):
    return zlib.compress(pickle.dumps(value, pickle.HIGHEST_PROTOCOL), 6)


def unpack(data):
    return pickle.loads(zlib.decompress(data))
