"""Pages and parts of pages for anonymous readers, cached and invalidated by tags.

What is cached keeps the versions of the tags of what it shows (``newsitem:12`` for an item,
``newsitem`` for its lists) and is dropped when one has changed; a change renews only its tags
(assembly/invalidation.py) and purges them from the frontend caches. docs/architecture.md,
Speed, describes the mechanism. When the cache fails, pages come from the database.
"""

import hashlib
import logging
import math
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age, set_response_etag
from django.utils.text import compress_string
from django.utils.translation import get_language_from_request

from assembly import addresses, frontend_cache, invalidation, middleware, stylesheet

logger = logging.getLogger(__name__)

# "gz": the body is stored gzip-compressed (entries stored zlib-compressed had no "gz").
PAGE_KEY_PREFIX = "pagecache:page:gz:"
TAG_KEY_PREFIX = "tag:"
CONTENT_APP = "assembly"
# A tag on everything: invalidate({EVERYTHING}) after writes that send no signals (update()).
EVERYTHING = "site"
# Renewed by every change: an entry stored since the last change needs no look at its tags.
CHANGED = "tags-changed"
# Response headers whose value depends on this request, never on the page.
UNCACHED_HEADERS = {"set-cookie", "date"}
# A page may vary on these: the key holds the language and anonymous readers share cookies'
# absence. Any other Vary header means the page differs in a way the key does not capture.
ALLOWED_VARY = {"accept-encoding", "accept-language", "cookie"}

_shown = ContextVar("cache_tags", default=None)


def _tags():
    return caches["tags" if "tags" in settings.CACHES else "default"]


def content_lists():
    """The tags of every list: what a page or part that declares nothing is tagged with."""
    from modeltranslation.translator import translator

    models = translator.get_registered_models(abstract=False)
    return {m._meta.model_name for m in models if m._meta.app_label == CONTENT_APP}


def tag(*names):
    """Marks what the page or part being built shows: ``tag("newsitem:12")``."""
    shown = _shown.get()
    if shown is not None:
        shown.update(names)


@contextmanager
def collecting():
    """Collects the tags of what is built inside; they count for the outer part too."""
    outer, shown = _shown.get(), set()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)
        if outer is not None:
            outer.update(shown or content_lists())


def versions(tags):
    """{tag key: version} for these tags and ``site``, each made when missing."""
    names = sorted({EVERYTHING, *(tags or content_lists())})
    keys = [CHANGED, *(TAG_KEY_PREFIX + name for name in names)]  # CHANGED read first
    found = _tags().get_many(keys)
    for key in set(keys) - set(found):
        _tags().add(key, uuid.uuid4().hex[:8], timeout=None)
    return found if len(found) == len(keys) else _tags().get_many(keys)


def fresh(key):
    """What ``keep()`` stored under ``key`` while none of its tags has changed, else None.

    Its tags count for the page or part being built around it.
    """
    entry = cache.get(key)
    if entry is None:
        return None
    stored, value = entry
    if stored.get(CHANGED) is None or stored[CHANGED] != _tags().get(CHANGED):
        tags = {key: version for key, version in stored.items() if key != CHANGED}
        if _tags().get_many(list(tags)) != tags:
            return None
    tag(*tag_names(stored))
    return value


def keep(key, stored, value, timeout):
    """Stores ``value`` with ``stored``, the ``versions()`` of what it shows."""
    cache.set(key, (stored, value), timeout)


def tag_names(stored):
    return [key.removeprefix(TAG_KEY_PREFIX) for key in stored if key != CHANGED]


def invalidate(tags):
    """Renews these tags here and, once the transaction commits, in the frontend caches."""
    keys = [CHANGED, *(TAG_KEY_PREFIX + name for name in tags)]

    def renew():
        try:
            _tags().delete_many(keys)
        except Exception:
            logger.exception("Cache: could not invalidate %s", " ".join(tags))

    renew()  # at once, so that this request's own redirect already shows the change
    transaction.on_commit(lambda: (renew(), frontend_cache.purge(tags)), robust=True)


def page_timeout(response, due=None):
    timeout = settings.PAGE_CACHE_TIMEOUT
    max_age = get_max_age(response)
    if max_age is not None:
        timeout = min(timeout, max_age)
    if due is not None:
        seconds = (due - timezone.now()) / timedelta(seconds=1)
        timeout = min(timeout, max(1, math.ceil(seconds)))
    return timeout


class PageCacheMiddleware:
    """Serves anonymous GET/HEAD pages from the cache; belongs before SessionMiddleware.

    A hit returns before the session, CSRF, auth and messages middleware run, so it can
    carry no cookie; a miss is stored only when nothing in it belongs to one reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.serves(request):
            return self.get_response(request)
        # The view sees only the query parameters its page depends on, and the key holds
        # them all: the page cannot differ in anything the key omits.
        query = addresses.page_query(request)
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
        key = self.page_key(request)
        try:
            due = invalidation.release_scheduled()
            if (page := fresh(key)) is not None:
                return self.hit(*page)
        except Exception:
            logger.exception("Page cache: could not read a page")
            return self.get_response(request)
        with collecting() as shown:
            response = self.get_response(request)
        if self.response_is_cacheable(request, response):
            self.store(key, shown, response, page_timeout(response, due))
        return response

    def serves(self, request):
        if not settings.CACHE_PAGES or request.method not in ("GET", "HEAD"):
            return False
        path = request.path
        if any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_SKIP_PATHS):
            return False
        cookies = request.COOKIES
        private = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages")
        if any(name in cookies for name in private) or "HTTP_AUTHORIZATION" in request.META:
            return False
        try:
            request.get_host()
        except DisallowedHost:
            return False
        return True

    def page_key(self, request):
        language = get_language_from_request(request, check_path=True)
        # The full path holds the script prefix and the page's query parameters, sorted. The
        # stylesheet's hash changes with a deploy that changes site.css, which every page holds.
        raw = (
            f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{language}"
            f"|{stylesheet.site_css_source()}"
        )
        return PAGE_KEY_PREFIX + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()

    def response_is_cacheable(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        return vary <= ALLOWED_VARY

    def store(self, key, shown, response, timeout):
        try:
            stored = versions(shown)
        except Exception:
            logger.exception("Page cache: could not read the tags of a page")
            return
        frontend_cache.mark(response, tag_names(stored), timeout)
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = [(n, v) for n, v in response.items() if n.lower() not in UNCACHED_HEADERS]
        # Stored as gzip: a hit is sent to a reader who accepts gzip as it is stored.
        body = compress_string(response.content)
        try:
            keep(key, stored, (response.status_code, headers, body), timeout)
        except Exception:
            logger.exception("Page cache: could not store a page")
        response["X-Page-Cache"] = "miss"

    def hit(self, status, headers, body):
        response = middleware.StoredPage(body, status=status, headers=headers)
        response["X-Page-Cache"] = "hit"
        return response
