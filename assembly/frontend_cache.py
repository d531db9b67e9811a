"""Purges of changed tags from the frontend caches in FRONTEND_CACHES (Varnish with xkey).

A purge is an HTTP ``PURGE`` with the tags in an ``xkey-purge`` header (config/varnish.vcl).
One that fails is logged and retried in the background; it never fails the editor's save,
and what it would have purged expires by its ``s-maxage`` at the latest.
"""

import logging
import threading
import urllib.request

from django.conf import settings
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2
RETRY_AFTER_SECONDS = (1, 10, 60)


def mark(response, tags, timeout):
    """Lets frontend caches keep ``response`` for ``timeout`` seconds under ``tags``."""
    # Varnish (xkey), Fastly and Cloudflare each read the page's tags from their header.
    response["xkey"] = response["Surrogate-Key"] = " ".join(tags)
    response["Cache-Tag"] = ",".join(tags)
    patch_cache_control(response, public=True, max_age=0, s_maxage=timeout)


def purge(tags):
    if tags:
        for url in settings.FRONTEND_CACHES:
            send(url, " ".join(sorted(tags)))


def send(url, tags, attempt=0):
    request = urllib.request.Request(url, method="PURGE", headers={"xkey-purge": tags})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
            return
    except Exception as error:
        if attempt >= len(RETRY_AFTER_SECONDS):
            logger.error("Frontend cache: purge at %s failed for good (%s): %s", url, error, tags)
            return
        delay = RETRY_AFTER_SECONDS[attempt]
        logger.warning("Frontend cache: purge at %s failed (%s); retry in %s s", url, error, delay)
        retry = threading.Timer(delay, send, (url, tags, attempt + 1))
        retry.daemon = True
        retry.start()
