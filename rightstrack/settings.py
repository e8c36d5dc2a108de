"""Django settings, all read from the environment.

``RIGHTSTRACK_HOME``     data directory (default ./rightstrack-data): SQLite file, media, key
``DATABASE_URL``         PostgreSQL (or other) database instead of the embedded SQLite
``RIGHTSTRACK_ENV``      ``local`` (default: a laptop, plain http) or ``production``
                         (behind TLS: secure cookies, HSTS, https redirect)
``RIGHTSTRACK_DEBUG``    1 to show Django's debug pages (never in production)
``RIGHTSTRACK_ALLOWED_HOSTS``  comma-separated host names (default: localhost names)
``RIGHTSTRACK_SECRET_KEY``     overrides the key generated in the data directory
``RIGHTSTRACK_SITE_URL``       the public address (https://nmrf.example.gov): its host is
                               allowed and its origin trusted for forms (CSRF)
``RIGHTSTRACK_TRUSTED_PROXY``  the reverse proxy's address (127.0.0.1): only its
                               X-Forwarded-* headers are believed (``rightstrack serve``)
``RIGHTSTRACK_REQUEST_SECONDS`` the time budget of one web request (15)
``RIGHTSTRACK_API_ANONYMOUS_RATE`` anonymous API requests per address (120/m; "" no limit)
``RIGHTSTRACK_CLASSIFY_CHARACTERS`` characters the classifiers read per caller a minute (200000)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from rightstrack.datadir import data_dir, lazy_secret_key

BASE_DIR = Path(__file__).resolve().parent
HOME = data_dir()
ENV = os.environ.get("RIGHTSTRACK_ENV", "local")
PRODUCTION = ENV == "production"

SECRET_KEY = lazy_secret_key(HOME)
DEBUG = os.environ.get("RIGHTSTRACK_DEBUG") == "1" and not PRODUCTION
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("RIGHTSTRACK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("RIGHTSTRACK_CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]
# Behind a reverse proxy: the address people type. Its host and origin need no other
# setting (a login form posted from https://nmrf.example.gov is refused by Django's CSRF
# check unless that origin is trusted).
SITE_URL = os.environ.get("RIGHTSTRACK_SITE_URL", "").strip().rstrip("/")
if SITE_URL:
    from urllib.parse import urlsplit

    _site = urlsplit(SITE_URL)
    if _site.hostname and _site.hostname not in ALLOWED_HOSTS:
        ALLOWED_HOSTS.append(_site.hostname)
    if f"{_site.scheme}://{_site.netloc}" not in CSRF_TRUSTED_ORIGINS:
        CSRF_TRUSTED_ORIGINS.append(f"{_site.scheme}://{_site.netloc}")
# The proxy whose X-Forwarded-Proto/-For/-Host ``rightstrack serve`` believes; from any
# other peer waitress removes them, so nobody can claim to have come over https.
TRUSTED_PROXY = os.environ.get("RIGHTSTRACK_TRUSTED_PROXY", "").strip()

# The recommendation list's FilterSet: declared at the top, where every app's filters are
# known (see recommendations.filtersets).
RECOMMENDATION_FILTERSET = "rightstrack.site.filtersets.RecommendationListFilterSet"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN
    "django_tasks",
    "django_tasks_db",  # background jobs kept in the database: no broker to install or run
    "axes",  # failed sign-ins counted per account and per address
    "django_otp",  # two-step sign-in (accounts.twofactor)
    "django_otp.plugins.otp_totp",
    "rules.apps.AutodiscoverRulesConfig",  # each app's rules.py: who may do what (core.permissions)
    "rightstrack.core",
    "rightstrack.accounts",
    "rightstrack.reference",
    "rightstrack.recommendations",
    "rightstrack.ingest",
    "rightstrack.search",
    "rightstrack.tagging",
    "rightstrack.planning",
    "rightstrack.progress",
    "rightstrack.consultation",
    "rightstrack.dashboard",
    "rightstrack.reports",
    "rightstrack.site",
    "rightstrack.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rightstrack.core.web.RequestSize",  # before the CSRF check reads a body
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "rightstrack.core.budget.RequestBudget",  # 15 s per request unless it asks for more
    "rightstrack.api.limits.InputLimits",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out sign-in
]

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account, or from one address, sign-ins from there are refused for AXES_COOLOFF_TIME
# with a page that says so; a right password resets the count. The NMRF administrator
# unlocks earlier: `rightstrack unlock NAME` or Administration > Access attempts.
# (60 wrong passwords, then the right one, once still signed in.)
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("RIGHTSTRACK_LOGIN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("RIGHTSTRACK_LOGIN_LOCKOUT_MINUTES", "30")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one alone locks
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address is the connection's: waitress puts the trusted proxy's X-Forwarded-For
# there (RIGHTSTRACK_TRUSTED_PROXY); a header a client sends itself would let it pose as
# a new address at each attempt.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False
# Two-step sign-in (accounts.twofactor): the name the phone app shows beside the codes.
OTP_TOTP_ISSUER = os.environ.get("RIGHTSTRACK_TWO_STEP_ISSUER", "rightstrack")

# Anonymous API use (no token, no session): at most this many requests per address,
# then a 429 that says when to come back (api.limits). A person reading the portal never
# comes near it; a script should ask for a token. "" turns it off (a closed network).
# The counts are in files (the ``throttle`` cache), shared by the server's processes.
API_ANONYMOUS_RATE = os.environ.get("RIGHTSTRACK_API_ANONYMOUS_RATE", "120/m").strip()
# Texts the classifiers may read for one caller in a minute (POST /api/classify), then a
# 429 saying when to send the rest; 0 turns it off. 50,000 characters take the encoder
# about half a second of a core: more, back to back, would slow every page.
CLASSIFY_CHARACTERS = int(os.environ.get("RIGHTSTRACK_CLASSIFY_CHARACTERS", "200000") or 0)
# The address is the connection's (the trusted proxy's X-Forwarded-For, put there by
# waitress), never a header a client sends itself: that would make every request new.
NINJA_NUM_PROXIES = 0

ROOT_URLCONF = "rightstrack.urls"
# Select boxes written without a template per option (the filter forms hold ~900 options).
FORM_RENDERER = "rightstrack.core.forms_renderer.QuickSelects"
WSGI_APPLICATION = "rightstrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # each app keeps its own templates (base.html: site)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": HOME / "rightstrack.sqlite3",
        # Each server thread keeps its connection (as PostgreSQL's do, for 60 s): opening
        # one and running the PRAGMAs below on every request was a tenth of the work
        # under load (benchmarks/load_bench.py).
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            # WAL lets the web server read while an import writes; IMMEDIATE avoids
            # "database is locked" when two writers upgrade their locks at once.
            # A 64 MB page cache keeps the indexes in memory during large imports.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# The six official UN languages.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("RIGHTSTRACK_TIME_ZONE", "UTC")
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = HOME / "static"  # made with the data directory: whitenoise warns without it
MEDIA_URL = "media/"
MEDIA_ROOT = HOME / "media"
# Serve from the installed package when collectstatic has not run (a laptop, tests).
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("RIGHTSTRACK_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("RIGHTSTRACK_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if not os.environ.get("RIGHTSTRACK_SSL_REDIRECT", "1") == "1":
        # TLS terminates at a proxy that redirects already.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]

# The time a web request may take (core.budget): past it the database stops its work and
# the request is answered with a 503 saying so. Long documents ask for more themselves.
RIGHTSTRACK_REQUEST_SECONDS = float(os.environ.get("RIGHTSTRACK_REQUEST_SECONDS", "15"))

# ``rightstrack import`` computes the meaning vectors of new texts after writing them
# (semantic search, repeats); 0 leaves them to ``rightstrack reindex --vectors-only``.
VECTORS_ON_IMPORT = os.environ.get("RIGHTSTRACK_VECTORS_ON_IMPORT", "1") == "1"
# Imports store tag suggestions from the trained classifiers (if any are trained).
TAG_ON_IMPORT = os.environ.get("RIGHTSTRACK_TAG_ON_IMPORT", "1") == "1"

# Long work (web imports, tagging, training, vectors) runs as background jobs: queued in
# the database, run by ``rightstrack worker`` (``rightstrack serve`` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job reports its progress through files, not the database: an import holds
# SQLite's only write lock for its whole transaction, so a row could not be updated then.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The anonymous API's counts, in files: the server's processes (serve --processes)
    # must share them, or each would let an address make the whole rate.
    "throttle": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": HOME / "throttle",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    "jobs": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": HOME / "jobs",
        "TIMEOUT": 7 * 24 * 3600,
    },
}

# Email (``rightstrack remind``). Without RIGHTSTRACK_EMAIL_HOST, emails are printed on
# the console instead of sent, so nothing fails on a laptop without an SMTP server.
# RIGHTSTRACK_EMAIL_TLS: 1 STARTTLS (default), ssl implicit TLS (port 465), 0 none.
EMAIL_HOST = os.environ.get("RIGHTSTRACK_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
_EMAIL_TLS = os.environ.get("RIGHTSTRACK_EMAIL_TLS", "1").strip().lower()
EMAIL_USE_SSL = _EMAIL_TLS == "ssl"
EMAIL_USE_TLS = _EMAIL_TLS in {"1", "true", "yes", "starttls"}
EMAIL_PORT = int(os.environ.get("RIGHTSTRACK_EMAIL_PORT") or (465 if EMAIL_USE_SSL else 587))
EMAIL_HOST_USER = os.environ.get("RIGHTSTRACK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RIGHTSTRACK_EMAIL_PASSWORD", "")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("RIGHTSTRACK_EMAIL_FROM", "rightstrack@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RIGHTSTRACK_LOG_LEVEL", "WARNING")},
}
