"""Settings shared by every environment, read from environment variables.

Defaults give the embedded runtime a newcomer needs: SQLite, the django-q2 ORM broker, a local
cache and e-mails written to files. Set DATABASE_URL / REDIS_URL / EMAIL_URL to scale out.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from hub.env import email_settings, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PASSERELLES_VAR_DIR", str(BASE_DIR / "var")))
# Runtime files (SQLite database, media, e-mails written in demo mode) live here.
(VAR_DIR / "mail").mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)
# Demo-only key: production.py refuses to start without SECRET_KEY in the environment.
SECRET_KEY = env_str("SECRET_KEY", "demo-only-insecure-key-change-me-0f3c9a7e5b1d")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "hub",
    "resources",
    "resources.mentoring",
    "events",
    "watch.collection",
    "watch.mailing",
    "members",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hub.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hub.cache.AnonymousPageCacheMiddleware",
    "hub.cache.CachedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.context_processors.site_context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
# Persistent connections: a request reuses its thread's connection instead of opening one (and,
# on SQLite, running the PRAGMAs below each time); the health check replaces a dead one.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write at the same time: WAL lets readers go on during a
    # write, IMMEDIATE transactions take the write lock up front (no deadlock on upgrade), and
    # the busy timeout makes a writer wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
            " PRAGMA foreign_keys=ON; PRAGMA mmap_size=134217728;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and task queue -------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
Q_CLUSTER = {
    # Clusters sharing one Redis list must share this name (tests give theirs a unique one).
    "name": env_str("Q_CLUSTER_NAME", "passerelles"),
    "workers": env_int("Q_WORKERS", 2),
    "recycle": 500,
    # A task may run for `timeout` seconds; the broker hands it out again after `retry`.
    "timeout": env_int("Q_TIMEOUT", 600),
    "retry": env_int("Q_RETRY", 720),
    "max_attempts": 3,
    "catch_up": False,
    "save_limit": 1000,
    "label": "Tâches",
    "ack_failures": True,
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "passerelles",
        }
    }
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 1
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "passerelles",
        }
    }

# --- Content-Security-Policy (django-csp, hub/csp.py) ---------------------------------------
# Public site: nothing but this site's own files; an inline script needs
# nonce="{{ request.csp_nonce }}"; no inline style; embeds only from the video hosts below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The one inline script allowed without a nonce: base.html's, which folds the phone menu
        # before the first paint (tests/hub/test_csp.py checks the hash still matches).
        "script-src": [SELF, NONCE, "'sha256-QwHbnirxFVIfSTiIqSHrH9ZMmmtyEp0f/HTyQhq4464='"],
        # The one inline style allowed: the self-contained 500 page's (tests/hub/test_csp.py
        # checks the hash still matches templates/500.html).
        "style-src": [SELF, "'sha256-A9rOkYPhK3dAtGezvKk9PtRp8Cgp2KiL92O1kP5/juo='"],
        "img-src": [SELF, "data:"],
        "frame-src": [
            SELF,
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://www.dailymotion.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail admin (and Django's): its widgets still use inline scripts and styles, its previews are
# framed by the admin itself; avatars are Wagtail's default picture (no Gravatar, see below).
ADMIN_CSP_URL_PREFIXES = ["/admin/", "/django-admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],
    }
}

# --- E-mail ---------------------------------------------------------------------------------
# Default: every e-mail is written as a file under var/mail (open them to read what was sent).
EMAIL_URL = env_str("EMAIL_URL", f"file://{VAR_DIR / 'mail'}")
globals().update(email_settings(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Passerelles <ne-pas-repondre@passerelles.localhost>"
)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admins", address) for address in env_list("ADMINS")]

# Transactional e-mails (hub/outbox.py): a failed attempt waits OUTBOX_RETRY_SECONDS, doubled
# at each attempt up to OUTBOX_RETRY_MAX_SECONDS; after OUTBOX_MAX_ATTEMPTS (or a 5xx refusal)
# the message is shown as failed in the admin. A claim older than the lease is taken over.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 6 * 3600)
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 300)
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)

# --- Passwords ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Members log in at /compte/connexion/ (allauth), also when a page is for members only.
LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "fr"
# French at unprefixed addresses (/, /ressources/…), English under /en/ (hub/urls.py): the
# interface from locale/<lang>, the content from each page's translation (Wagtail i18n).
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Editors may use the Wagtail admin in English (Wagtail ships its own catalogues).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# Editors' avatars: Wagtail's own default picture, not Gravatar (no editor's e-mail hash sent to a
# third party, no broken picture when the admin runs offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Editors translate pages one by one (or a subtree) with simple_translation; no automatic
# English aliases of new French pages, which would put French text under English addresses.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Passerelles")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "hub.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "hub.CustomDocument"
# Documents go through Django (permissions, Content-Disposition), never straight from media.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "epub"]
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL only: French stemming ("formations" finds "formation"), accents ignored
        # (configuration created by hub migration 0002).
        "SEARCH_CONFIG": "french_unaccent",
        "AUTO_UPDATE": True,
    }
}
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_PASSWORD_RESET_ENABLED = True

# --- Passerelles ----------------------------------------------------------------------------
# Demo loaders, in order: each module exposes load(stdout).
DEMO_LOADERS = [
    "demo.site",
    "demo.resources",
    "demo.mentoring",
    "demo.events",
    "demo.watch",
    "demo.portals",
    "demo.digests",
    "demo.members",
    "demo.english",  # last: translates pages the loaders above created
]
SEARCH_RESULTS_PER_PAGE = 10
# Whole-page cache for anonymous visitors (hub/cache.py); 0 turns it off.
# Off by default without Redis: a per-process cache could not be purged in every process.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300 if REDIS_URL and not DEBUG else 0)
# What every uncached request would rebuild the same for everyone (site, settings, menu, page
# fragments: hub/cache.py), purged with the page cache; off without Redis for the same reason.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600 if REDIS_URL else 0)
PAGE_CACHE_EXCLUDED_PREFIXES = ["/admin/", "/django-admin/", "/documents/", "/healthz"]
# /healthz: the watch is unhealthy when its last successful round is older than this.
HEALTH_WATCH_MAX_AGE_SECONDS = env_int("HEALTH_WATCH_MAX_AGE_SECONDS", 6 * 3600)
# Watch: the SSRF guard refuses private, loopback and reserved addresses, except inside these
# networks (comma-separated CIDRs, e.g. "127.0.0.0/8,::1/128" for a local test server).
WATCH_ALLOWED_NETWORKS = env_list("WATCH_ALLOWED_NETWORKS")
# Items kept per source and fetch (the newest); the source's health says when a feed was cut.
WATCH_MAX_ITEMS_PER_SOURCE = env_int("WATCH_MAX_ITEMS_PER_SOURCE", 300)
# Limits of one fetch: bytes after decompression, timeouts and the deadline of the whole exchange.
WATCH_MAX_BYTES = 10 * 1024 * 1024
WATCH_CONNECT_TIMEOUT = 5.0
WATCH_READ_TIMEOUT = 15.0
WATCH_FETCH_DEADLINE = 30.0
WATCH_MAX_REDIRECTS = 5
# A source failing this many times in a row is paused (editors are told on the dashboard).
WATCH_MAX_FAILURES = env_int("WATCH_MAX_FAILURES", 5)
# Parallel fetching threads and parsing processes of a round (`watch_fetch --all`).
WATCH_FETCH_THREADS = env_int("WATCH_FETCH_THREADS", 16)
WATCH_PARSE_PROCESSES = env_int("WATCH_PARSE_PROCESSES", 2)
# Portal sources (EU Funding & Tenders, Aides-territoires): pages read per fetch, and their size.
WATCH_PORTAL_MAX_PAGES = env_int("WATCH_PORTAL_MAX_PAGES", 20)
WATCH_PORTAL_PAGE_SIZE = env_int("WATCH_PORTAL_PAGE_SIZE", 50)
# Aides-territoires API key (asked for on aides-territoires.beta.gouv.fr); without it such a
# source pauses itself and says why.
WATCH_AIDES_TERRITOIRES_API_KEY = env_str("AIDES_TERRITOIRES_API_KEY", "")
# Bound on candidates ranked by relevance in the embedded (SQLite) search: see hub/search.py.
SEARCH_MAX_RANKED = env_int("SEARCH_MAX_RANKED", 2000)
# Rate limits (hub/ratelimit.py): how many reverse proxies in front of the site append to
# X-Forwarded-For (nginx of docs/deploy.md: 1); 0 keys on REMOTE_ADDR, the header is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Events: every default lives here, so code reads plain settings.X (README, events section).
EVENTS_REGISTRATION_RETENTION_DAYS = 365
EVENTS_CANCEL_LINK_MAX_AGE_DAYS = 180
EVENTS_REMINDER_HOURS_BEFORE = 24
EVENTS_REGISTRATION_RATE_LIMIT = (10, 600)  # registrations per IP address per window (seconds)
# Mentoring (README, mentoring section).
MENTORING_APPLICATION_RATE_LIMIT = (5, 3600)  # applications per IP address per window (seconds)
# Digests and subscriptions (README, digests section): every default lives here too.
WATCH_SUBSCRIBE_LIMIT = 5  # sign-up posts per IP address per window (seconds)
WATCH_SUBSCRIBE_WINDOW = 600
WATCH_CONFIRM_LINK_DAYS = 7
WATCH_PREFERENCES_LINK_DAYS = 400
WATCH_UNCONFIRMED_PURGE_DAYS = 7
WATCH_UNSUBSCRIBE_MAILTO = ""  # empty: the site settings' reply-to or contact address
WATCH_DIGEST_WEEKDAY = 0  # Monday
WATCH_DIGEST_HOUR = 7
WATCH_DIGEST_MONTH_DAY = 1
WATCH_DIGEST_MAX_PER_SECTION = 15
WATCH_DIGEST_EVENTS_DAYS = 45
WATCH_DIGEST_REPEAT_WINDOW_DAYS = 366
WATCH_DIGEST_AUTO_SEND = False
WATCH_DIGEST_AUTO_SEND_DELAY_HOURS = 3
WATCH_MAILING_BATCH_SIZE = 200  # messages per SMTP connection
WATCH_MAILING_RATE = 0  # messages per second per worker, 0 = no limit
WATCH_MAILING_PARALLEL = 1  # tasks started per digest
WATCH_MAILING_LEASE_SECONDS = 300
WATCH_MAILING_RETRY_SECONDS = 60
WATCH_MAILING_MAX_ATTEMPTS = 5
WATCH_HARD_FAILURE_LIMIT = 2

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "logfmt": {"format": "time=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "logfmt"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-q2 logs as "django-q": one INFO line per scheduled task is noise by default.
        "django-q": {"level": env_str("Q_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Apps whose urls.py holds public endpoints, included before Wagtail's page catch-all.
APP_URLCONFS = [
    "resources.urls",
    "resources.mentoring.urls",
    "events.urls",
    "watch.collection.urls",
    "watch.mailing.urls",
    "members.account_urls",
    "members.urls",
]
# Modules exposing SCHEDULES (django-q2 schedules), created idempotently by setup_schedules.
SCHEDULE_MODULES = [
    "hub.outbox",
    "members.schedules",
    "resources.schedules",
    "resources.mentoring.schedules",
    "events.schedules",
    "watch.collection.schedules",
    "watch.mailing.schedules",
]

# --- Members' accounts (django-allauth) and workspaces ----------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_REDIRECT_URL = "members:space"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
# Approved members' group. Anyone may sign up, so in listings (hub/visibility.py) Wagtail's
# "logged-in users" restriction lets through this group and editors only; empty: any account.
MEMBERS_GROUP_NAME = "Membres"
# Workspace documents: outside MEDIA_ROOT, never served by URL, only by the authorised view.
MEMBERS_FILES_ROOT = Path(env_str("MEMBERS_FILES_ROOT", str(VAR_DIR / "private")))
MEMBERS_DOCUMENT_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "csv",
    "txt",
    "md",
    "png",
    "jpg",
    "jpeg",
]
MEMBERS_DOCUMENT_MAX_SIZE = env_int("MEMBERS_DOCUMENT_MAX_SIZE", 20 * 1024 * 1024)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # mail scanners open links: confirming takes a click
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# "Recevoir un code par e-mail": a one-time code instead of the password (expires in 3 minutes).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.MembershipSignupForm"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "site_internet"
ACCOUNT_FORMS = {
    "signup": "members.account_forms.MemberSignupForm",
    "login": "members.account_forms.MemberLoginForm",
    "reset_password": "members.account_forms.MemberResetPasswordForm",
    "reset_password_from_key": "members.account_forms.MemberResetPasswordKeyForm",
    "change_password": "members.account_forms.MemberChangePasswordForm",
    "request_login_code": "members.account_forms.MemberRequestLoginCodeForm",
    "confirm_login_code": "members.account_forms.MemberConfirmLoginCodeForm",
}
# Counted in the cache (Redis when set): per address and per IP.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,3/10m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
