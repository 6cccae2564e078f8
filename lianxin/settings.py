"""Lianxin's one settings module, driven by environment variables.

Defaults suit the embedded demo (SQLite in WAL mode, Huey on SQLite, local-memory cache). Production sets
DEBUG off and must then give SECRET_KEY, FIELD_ENCRYPTION_KEY and ALLOWED_HOSTS; DATABASE_URL and
REDIS_URL move the platform to PostgreSQL and Redis. docs/operations.md lists every variable.
"""

import secrets
from pathlib import Path

import environ
import structlog
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

VAR_DIR = Path(env("LIANXIN_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _local_secret(filename: str, nbytes: int) -> str:
    """A secret generated once into var/, for the demo and tests only."""
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(secrets.token_urlsafe(nbytes))
        path.chmod(0o600)
    return path.read_text().strip()


def _required_secret(name: str, filename: str, nbytes: int) -> str:
    value = env(name, default="")
    if value:
        return value
    if DEBUG:
        return _local_secret(filename, nbytes)
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off (see docs/operations.md).")


SECRET_KEY = _required_secret("SECRET_KEY", "secret_key", 50)
# Key for personal data at rest (mobile and ID numbers). Kept apart from SECRET_KEY so that rotating one
# does not make the other's data unreadable.
FIELD_ENCRYPTION_KEY = _required_secret("FIELD_ENCRYPTION_KEY", "field_encryption_key", 32)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "lianxin.core",
    "lianxin.areas",
    "lianxin.people",
    "lianxin.party",
    "lianxin.imports",
    "lianxin.tokens",
    "lianxin.notifications",
    "lianxin.cases",
    "lianxin.open311",
    "lianxin.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_structlog",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "lianxin.core.middleware.RequestIdHeaderMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "lianxin.urls"
WSGI_APPLICATION = "lianxin.wsgi.application"

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
                "lianxin.core.context_processors.shell",
            ],
        },
    },
]

# Database: SQLite file under var/ unless DATABASE_URL says otherwise.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'lianxin.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN so that
    # concurrent writers wait (busy_timeout) instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            # 64 MB of page cache and memory-mapped reads: the case table's indexes stay in memory.
            "PRAGMA cache_size=-65536;"
            "PRAGMA mmap_size=268435456;"
            "PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and jobs: Redis when REDIS_URL is given, else local memory and Huey on SQLite.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    _huey_class, _huey_connection = "huey.RedisHuey", {"url": REDIS_URL}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lianxin"}}
    _huey_class, _huey_connection = "huey.SqliteHuey", {"filename": str(VAR_DIR / "huey.sqlite3")}

HUEY = {
    "huey_class": _huey_class,
    "name": env("HUEY_NAME", default="lianxin"),
    # Never tie immediate mode to DEBUG (djhuey's default): the demo runs a real consumer.
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
    "utc": True,
    "connection": _huey_connection,
    "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
}

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = ["lianxin.people.backends.UsernameOrMobileBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The case loop (docs/cases.md). Time limits count working hours in these periods, Monday to Friday, with
# the holiday calendar kept in the admin; each category sets its own limits.
LIANXIN_WORKING_PERIODS = [
    tuple(period.split("-"))
    for period in env.list("LIANXIN_WORKING_PERIODS", default=["09:00-12:00", "13:00-18:00"])
]
# A reporter may reopen a closed case within this many days.
LIANXIN_REOPEN_DAYS = env.int("LIANXIN_REOPEN_DAYS", default=15)
# Reports of the same category this close in place and time are offered as duplicates to merge.
LIANXIN_DUPLICATE_RADIUS_M = env.int("LIANXIN_DUPLICATE_RADIUS_M", default=150)
LIANXIN_DUPLICATE_WINDOW_HOURS = env.int("LIANXIN_DUPLICATE_WINDOW_HOURS", default=72)
# The rating an unrated case receives after its category's auto-rating period (marked as automatic).
LIANXIN_AUTO_RATING = env("LIANXIN_AUTO_RATING", default="satisfied")
# Outbound notifications (SMS, WeChat templates …): a dotted path to a backend class, see docs/cases.md.
LIANXIN_NOTIFICATION_BACKEND = env(
    "LIANXIN_NOTIFICATION_BACKEND", default="lianxin.notifications.backends.LoggingBackend"
)
# Photos attached to cases.
LIANXIN_PHOTO_MAX_BYTES = env.int("LIANXIN_PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
LIANXIN_PHOTO_MAX_PIXELS = env.int("LIANXIN_PHOTO_MAX_PIXELS", default=40_000_000)
LIANXIN_PHOTOS_PER_STEP = env.int("LIANXIN_PHOTOS_PER_STEP", default=9)

# The API and Open311 (docs/api.md, docs/open311.md).
# How long a POST's first answer is kept for replays with the same Idempotency-Key.
API_IDEMPOTENCY_HOURS = env.int("API_IDEMPOTENCY_HOURS", default=24)
# The jurisdiction_id Open311 clients must send, if any ("" accepts any or none).
OPEN311_JURISDICTION_ID = env("OPEN311_JURISDICTION_ID", default="")
# A request's position is matched to the nearest estate or village within this distance, else to the key's
# area itself.
OPEN311_MATCH_RADIUS_M = env.int("OPEN311_MATCH_RADIUS_M", default=3000)
# GET servicerequestupdates without start_date: the updates of the last this many hours.
OPEN311_UPDATES_DEFAULT_HOURS = env.int("OPEN311_UPDATES_DEFAULT_HOURS", default=24)
# How long a photo address given in media_url stays valid.
OPEN311_MEDIA_DAYS = env.int("OPEN311_MEDIA_DAYS", default=30)
# Shown in /open311/discovery.{xml,json}.
OPEN311_CONTACT = env("OPEN311_CONTACT", default="")
OPEN311_KEY_SERVICE = env("OPEN311_KEY_SERVICE", default="")

# Chinese first: one language, no per-request switching.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions: staff desks are shared, so a session ends with the browser and after a working day at most.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Transport security: on unless DEBUG; each can be turned off for a deployment behind a TLS proxy.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logging: one structured line per event on stdout (logfmt), each carrying the request id.
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
_shared_processors = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso"),
]
structlog.configure(
    processors=[
        *_shared_processors,
        structlog.stdlib.PositionalArgumentsFormatter(),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "logfmt": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.LogfmtRenderer(
                    key_order=["timestamp", "level", "event", "logger", "request_id"],
                    drop_missing=True,
                ),
            ],
            "foreign_pre_chain": _shared_processors,
        },
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "logfmt", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # A handler of its own stops run_huey from adding a second, unstructured one.
        "huey": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
    },
}
DJANGO_STRUCTLOG_CELERY_ENABLED = False
# Behind nginx the proxy's X-Request-ID ties its access log to ours; a direct client must not choose ids.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = env.bool("TRUST_UPSTREAM_REQUEST_ID", default=False)
