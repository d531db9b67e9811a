import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=False)
HTTPS = env_bool("HTTPS", default=False)

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET
elif not DEBUG and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 32 or len(set(SECRET_KEY)) < 10):
    raise ImproperlyConfigured(
        "SECRET_KEY must be a real secret of at least 32 characters, 10 of them different."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The site is served at the root of its host: links never take a prefix from the request
# (a SCRIPT_NAME in the WSGI environ), whoever set it.
FORCE_SCRIPT_NAME = ""

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    # Django's admin with the site's own AdminSite (assembly/admin_site.py).
    "assembly.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Search: trigram and full-text index expressions; does nothing on SQLite.
    "django.contrib.postgres",
    "easy_thumbnails",
    # Versions are registered by the admin (VersionAdmin), after modeltranslation has added
    # the kk/ru/en columns, so every revision stores all three languages.
    "reversion",
    "django_prose_editor",
    # django-axes under a translated name ("Sign-in log") in the admin.
    "assembly.apps.AxesConfig",
    "csp",
    # The admin's second factor: passkeys, authenticator-app codes, django-otp's static
    # tokens (addstatictoken); recovery codes are the project's own, stored hashed.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "assembly",
]

MIDDLEWARE = [
    "assembly.middleware.RequestIdMiddleware",
    # Outside every middleware that reads or caches the body; it compresses public pages only.
    "assembly.middleware.PublicPageGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "assembly.middleware.SecurityHeadersMiddleware",
    "assembly.middleware.ContentSecurityPolicyMiddleware",
    "assembly.middleware.RejectHostileInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the session: a cached page is served without touching session or CSRF.
    "assembly.cache.PageCacheMiddleware",
    # Inside the page cache, which then keeps the /kk-latn/ pages already in Latin letters.
    "assembly.latin.LatinReadingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After auth: the admin speaks the signed-in editor's chosen language, else Kazakh.
    "assembly.middleware.AdminLanguageMiddleware",
    # No admin URL answers without both steps (assembly/second_factor.py).
    "assembly.second_factor.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "assembly.middleware.DatabaseUnavailableMiddleware",
    # axes turns its lockout signal into the lockout page; it must stay last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep concurrent writers from raising "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "assembly"),
            # A Redis that hangs must not hang the site: pages fall back to the database.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        # Bounded, with room for every page of a small site in three languages.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCAL_CACHE_ENTRIES", "20000"))},
        },
        # Versions of cache tags (assembly/cache.py), shared by the workers of this machine.
        "tags": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / "var" / "cache-tags",
            # A tag dropped by culling counts as changed: never stale, only a miss.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }

# Full pages for anonymous readers (assembly/cache.py); CACHE_PAGES=0 turns it off.
CACHE_PAGES = env_bool("CACHE_PAGES", default=True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
# Shared parts of pages, such as an article's mentions and related news (assembly/fragments.py).
CACHE_FRAGMENTS = env_bool("CACHE_FRAGMENTS", default=True)
PAGE_CACHE_SKIP_PATHS = ["/admin/", "/i18n/", "/static/", "/media/", "/healthz"]
# Varnish instances that take PURGE with the changed tags (config/varnish.vcl), comma-separated.
FRONTEND_CACHES = [url for url in os.environ.get("FRONTEND_CACHES", "").split(",") if url]

# --- Languages --------------------------------------------------------------

LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
    # Kazakh in the 2021 Latin alphabet, read off the Cyrillic (assembly/latin.py).
    ("kk-latn", _("Kazakh (Latin)")),
]
# Reading variants that show a content language's text in another script: code -> that
# language. They have no database columns of their own (assembly/languages.py).
SCRIPT_VARIANTS = {"kk-latn": "kk"}
# Django's table of language names knows no kk-latn; the switcher shows its name_local.
LANG_INFO.setdefault(
    "kk-latn",
    {"bidi": False, "code": "kk-latn", "name": "Kazakh (Latin)", "name_local": "Qazaqşa (latyn)"},
)
# The project's own strings first; then locale/upstream, which completes Django's and the
# third-party apps' kk/ru catalogs (see tools/catalog_coverage.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
# Django ships no Kazakh formats module; config/formats/kk provides one.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# The languages with database columns follow from the three above; declare none here.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES if code not in SCRIPT_VARIANTS)
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
# modeltranslation's tabs load jQuery UI from a CDN unless told otherwise.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and media -------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "assembly.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644
# The app serves /media/ itself (assembly/media.py) unless a proxy or object storage does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)

# --- Security ---------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer probes over plain HTTP; a redirect would read as "down".
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Sign-in throttling. axes must be the first backend; tests sign in with force_login.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(hours=1)
# Per account and address: a stranger cannot lock an editor out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "assembly.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "assembly.signin.client_ip"
# Reverse proxies (addresses or networks) whose X-Forwarded-For entry names the client for
# sign-in throttling. Empty: failures count for the peer address, whatever a header says.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address.") from None
# The only sign-in is the admin's: after it, or when `next` is unsafe, the admin index.
LOGIN_REDIRECT_URL = "admin:index"
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "csrfmiddlewaretoken"]
# Log lines name a failing client by a keyed hash, never by its username or address.
AXES_CLIENT_STR_CALLABLE = "assembly.operations.log_format.axes_client_str"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Second factor (assembly/second_factor.py, docs/security-and-operations.md) ---

# Staff sessions end after an hour without a request and eight hours after sign-in.
STAFF_SESSION_IDLE = timedelta(seconds=int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", "3600")))
STAFF_SESSION_MAX_AGE = timedelta(
    seconds=int(os.environ.get("STAFF_SESSION_MAX_AGE_SECONDS", str(8 * 3600)))
)
# Wrong codes or passkeys before the second step locks for AXES_COOLOFF_TIME, as passwords do.
SECOND_FACTOR_FAILURE_LIMIT = AXES_FAILURE_LIMIT
# django-otp's growing delay after a wrong code would refuse the right code too; the lock
# above counts failures instead.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_TOTP_ISSUER = "Assembly of People of Kazakhstan"


def _first_host_name(hosts):
    for host in hosts:
        name = host.lstrip(".").strip("[]")
        try:
            ipaddress.ip_address(name)
        except ValueError:
            if name and name != "*":
                return name
    return "localhost"


# Passkeys belong to this domain (not an IP address); only these origins may use them.
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID") or _first_host_name(ALLOWED_HOSTS)
OTP_WEBAUTHN_RP_NAME = "Assembly of People of Kazakhstan"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "WEBAUTHN_ORIGINS",
    [f"https://{OTP_WEBAUTHN_RP_ID}", *(["http://localhost:8000"] if DEBUG else [])],
)
# The password comes first: a passkey is only ever the second step.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# --- Site -------------------------------------------------------------------

SITE_NAME = _("Assembly of People of Kazakhstan")
NEWS_PER_PAGE = 12
# URLs per sitemap page, far under the protocol's 50,000 URLs and 50 MB: with its hreflang
# alternates and image an entry is up to 1 KB, so no request renders more than about 1 MB.
SITEMAP_LIMIT = int(os.environ.get("SITEMAP_LIMIT", "1000"))

# One JSON object a line, each with the request id (assembly/operations/log_format.py); with
# DEBUG on (`make run`) a plain line a person reads. LOG_FORMAT=json or text chooses either way.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "assembly.operations.log_format.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "assembly.operations.log_format.JsonFormatter"},
        "text": {"()": "assembly.operations.log_format.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if LOG_FORMAT == "text" else "json",
        },
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The dev server's own lines carry query strings; ours (assembly.access) do not.
        "django.server": {"handlers": ["null"], "propagate": False},
    },
}
