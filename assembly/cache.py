"""Full-page cache for anonymous readers, invalidated by a content version.

Every save or delete of a content model writes a new version. A cached page remembers the
version it was rendered under and is thrown away when it no longer matches, so one write
invalidates every page on every app server that shares the version: the shared cache when
it is Redis, a small file in ``var/`` when the cache is per-process local memory (the only
place all gunicorn workers of one machine share).

The cache is a speed-up only: when Redis is down, pages come from the database and the
error goes to the log.
"""

import hashlib
import logging
import math
import os
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_max_age, set_response_etag
from django.utils.translation import get_language_from_request

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
PAGE_KEY_PREFIX = "pagecache:page:"
CACHE_ALIAS = "default"
CONTENT_APP = "assembly"
# Response headers whose value depends on this request, never on the page.
UNCACHED_HEADERS = {"set-cookie", "date"}
# A page may vary on these: the key holds the language and anonymous readers share cookies'
# absence. Any other Vary header means the page differs in a way the key does not capture.
ALLOWED_VARY = {"accept-encoding", "accept-language", "cookie"}


def _cache():
    return caches[CACHE_ALIAS]


def _version_file():
    configured = getattr(settings, "PAGE_CACHE_VERSION_FILE", None)
    if configured:
        return Path(configured)
    # One file per database: servers on the same data share it, other checkouts do not.
    database = settings.DATABASES["default"]
    where = f"{database.get('HOST')}:{database.get('PORT')}/{database.get('NAME')}"
    digest = hashlib.md5(where.encode(), usedforsecurity=False).hexdigest()[:12]
    return settings.BASE_DIR / "var" / f"page-cache-version-{digest}"


def _version_is_local():
    return isinstance(_cache(), LocMemCache)


def _new_version():
    return uuid.uuid4().hex[:16]


def _write_version_file(value):
    path = _version_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pcv-")
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    os.replace(tmp, path)


def _read_version_file():
    try:
        return _version_file().read_text() or None
    except FileNotFoundError:
        return None


def bump_content_version():
    """Invalidates every cached page. Call it after writes that send no signals (update())."""
    value = _new_version()
    try:
        if _version_is_local():
            _write_version_file(value)
        else:
            _cache().set(VERSION_KEY, value, timeout=None)
    except Exception:
        logger.exception("Page cache: could not write the content version")


def content_version():
    """The current version, or None when it cannot be read (then nothing is cached)."""
    try:
        if _version_is_local():
            value = _read_version_file()
            if value is None:
                value = _new_version()
                _write_version_file(value)
            return value
        value = _cache().get(VERSION_KEY)
        if value is None:
            _cache().add(VERSION_KEY, _new_version(), timeout=None)
            value = _cache().get(VERSION_KEY)
        return value
    except Exception:
        logger.exception("Page cache: could not read the content version")
        return None


def next_scheduled_change():
    """When the next scheduled news item goes live, or None."""
    from assembly.models import NewsItem

    return (
        NewsItem.objects.filter(
            status__in=[NewsItem.Status.PUBLISHED, NewsItem.Status.SCHEDULED],
            published_at__gt=timezone.now(),
        )
        .aggregate(next=Min("published_at"))
        .get("next")
    )


def page_timeout(response):
    timeout = settings.PAGE_CACHE_TIMEOUT
    max_age = get_max_age(response)
    if max_age is not None:
        timeout = min(timeout, max_age)
    upcoming = next_scheduled_change()
    if upcoming is not None:
        seconds = (upcoming - timezone.now()) / timedelta(seconds=1)
        timeout = min(timeout, max(1, math.ceil(seconds)))
    return timeout


def _on_content_change(sender, **kwargs):
    if sender._meta.app_label == CONTENT_APP:
        bump_content_version()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and sender._meta.app_label == CONTENT_APP:
        bump_content_version()


def connect_signals():
    # Without a sender so models added later are covered; the app label filters the rest.
    post_save.connect(_on_content_change, dispatch_uid="pagecache_save")
    post_delete.connect(_on_content_change, dispatch_uid="pagecache_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache_m2m")


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
        query = page_query(request)
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
        version = content_version()
        if version is None:
            return self.get_response(request)
        key = self.page_key(request)
        entry = self.cache_get(key)
        if entry is not None and entry[0] == version:
            return self.hit(entry)
        response = self.get_response(request)
        if self.response_is_cacheable(request, response):
            self.store(key, version, response)
            response["X-Page-Cache"] = "miss"
        return response

    def serves(self, request):
        if not settings.CACHE_PAGES or request.method not in ("GET", "HEAD"):
            return False
        path = request.path
        if any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_SKIP_PATHS):
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        try:
            request.get_host()
        except DisallowedHost:
            return False
        return True

    def page_key(self, request):
        language = get_language_from_request(request, check_path=True)
        # The full path holds the script prefix and the page's query parameters, sorted.
        raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{language}"
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

    def store(self, key, version, response):
        if not response.has_header("ETag"):
            set_response_etag(response)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNCACHED_HEADERS
        ]
        entry = (version, response.status_code, headers, response.content)
        try:
            _cache().set(key, entry, page_timeout(response))
        except Exception:
            logger.exception("Page cache: could not store a page")

    def cache_get(self, key):
        try:
            return _cache().get(key)
        except Exception:
            logger.exception("Page cache: could not read a page")
            return None

    def hit(self, entry):
        _version, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def page_parameters(request):
    """The query parameters the page at this path depends on: its view's ``page_parameters``.

    Any other parameter (utm_source, fbclid, a random one) changes nothing on the page.
    """
    # Before LocaleMiddleware: the path's language must be active to resolve it.
    language = get_language_from_request(request, check_path=True)
    try:
        with translation.override(language):
            match = resolve(request.path_info)
    except Resolver404:
        return frozenset()
    view = getattr(match.func, "view_class", match.func)
    return frozenset(getattr(view, "page_parameters", ()))


def page_query(request):
    """The request's page parameters, in a fixed order: two URLs of one page share a key."""
    if not request.GET:
        return request.GET  # nothing to drop: no need to resolve the path
    names = sorted(page_parameters(request).intersection(request.GET))
    return QueryDict(
        urlencode([(name, value) for name in names for value in request.GET.getlist(name)])
    )
