"""Lianxin's one settings module, driven by environment variables.

Defaults suit the embedded demo (SQLite in WAL mode, Huey on SQLite, local-memory cache). Production sets
DEBUG off and must then give SECRET_KEY, FIELD_ENCRYPTION_KEY and ALLOWED_HOSTS; DATABASE_URL and
REDIS_URL move the platform to PostgreSQL and Redis. docs/operations.md lists every variable.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
import structlog
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# `make demo`: served as production serves (DEBUG off, so Chinese error pages and no technical page, static
# files from WhiteNoise's manifest), but on this one machine over plain HTTP, with secrets generated into var/
# and the demo's published accounts (docs/security.md). Never on a real deployment.
LIANXIN_DEMO = env.bool("LIANXIN_DEMO", default=False)
# Secrets generated into var/, this machine's own addresses, no TLS: development, tests and the demo.
_LOCAL = DEBUG or LIANXIN_DEMO

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
    if _LOCAL:
        return _local_secret(filename, nbytes)
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off (see docs/operations.md).")


SECRET_KEY = _required_secret("SECRET_KEY", "secret_key", 50)
# Key for personal data at rest (mobile and ID numbers). Kept apart from SECRET_KEY so that rotating one
# does not make the other's data unreadable.
FIELD_ENCRYPTION_KEY = _required_secret("FIELD_ENCRYPTION_KEY", "field_encryption_key", 32)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"] if _LOCAL else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "lianxin.core.errors.csrf_failure"

INSTALLED_APPS = [
    "lianxin.core",
    "lianxin.rollups",
    "lianxin.areas",
    "lianxin.people",
    "lianxin.party",
    "lianxin.imports",
    "lianxin.tokens",
    "lianxin.notifications",
    "lianxin.cases",
    "lianxin.provision",
    "lianxin.volunteering",
    "lianxin.points",
    "lianxin.deliberation",
    "lianxin.assessment",
    "lianxin.supervision",
    "lianxin.readiness",
    "lianxin.education",
    "lianxin.rural",
    "lianxin.talent",
    "lianxin.open311",
    "lianxin.dashboard",
    "lianxin.demo",
    "lianxin.audit",
    "lianxin.security",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_structlog",
    "huey.contrib.djhuey",
    "treebeard",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything else, so that it sees the Cache-Control any view or middleware set.
    "lianxin.core.middleware.NoStoreMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "lianxin.core.middleware.RequestIdHeaderMiddleware",
    # Before anything reads a form or a body: free text enters without control characters.
    "lianxin.core.middleware.TextCleanMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lianxin.security.middleware.SessionPolicyMiddleware",
    "lianxin.security.middleware.AccountPolicyMiddleware",
    "lianxin.audit.middleware.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lianxin.core.ratelimit.RateLimitMiddleware",
    # Last: it answers locked-out sign-ins before the login view runs.
    "axes.middleware.AxesMiddleware",
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
            # A checkpoint every 10,000 WAL pages (about 40 MB) instead of SQLite's 1,000: a report dirties
            # some 38 pages, many of them the same hot pages (index ends, the roll-up), which a rarer
            # checkpoint copies to the database once instead of dozens of times (docs/cases.md, "Speed").
            # The file is cut back to 64 MB after a checkpoint.
            "PRAGMA wal_autocheckpoint=10000;"
            "PRAGMA journal_size_limit=67108864;"
            "PRAGMA foreign_keys=ON;"
        ),
    }
    # Kept open between requests, as on PostgreSQL: a new connection runs the PRAGMAs above and starts with
    # an empty page cache, some 18 ms a request at 100,000 cases (bench/http.py, issue 24).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# A streaming replica (optional): the dashboard, big screen, figures, exports and bulletins read from it
# (lianxin.core.db_router, the @read_from_replica views); every write, every transaction and every other page
# stays on the primary. A replica that lags more than REPLICA_MAX_LAG_SECONDS, or cannot be reached, is left
# aside until its next check (every REPLICA_LAG_CHECK_SECONDS per process).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
REPLICA_DATABASE = None
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = environ.Env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["replica"].setdefault("CONN_HEALTH_CHECKS", True)
    # Tests never build a database of their own for it: it reads the test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    REPLICA_DATABASE = "replica"
REPLICA_MAX_LAG_SECONDS = env.int("REPLICA_MAX_LAG_SECONDS", default=300)
REPLICA_LAG_CHECK_SECONDS = env.int("REPLICA_LAG_CHECK_SECONDS", default=5)
DATABASE_ROUTERS = ["lianxin.core.db_router.ReplicaRouter"]
# PgBouncer in transaction mode (LIANXIN_PGBOUNCER=true): each transaction may run on another server
# connection, so nothing may outlive a transaction on the server. Django's server-side cursors (.iterator()
# outside a transaction) would, and psycopg's prepared statements could (docs/operations.md, PgBouncer).
LIANXIN_PGBOUNCER = env.bool("LIANXIN_PGBOUNCER", default=False)
if LIANXIN_PGBOUNCER:
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database["DISABLE_SERVER_SIDE_CURSORS"] = True
            _database.setdefault("OPTIONS", {})["prepare_threshold"] = None
# PostgreSQL's JIT compiles a query whose estimated cost is high, which the case lists' scope (an OR with a
# subquery) often is: the staff queue at a million cases spent 262 ms compiling a 29 ms query. Lianxin's
# queries are short; JIT is off for its connections unless LIANXIN_PG_JIT=true. Through PgBouncer, which does
# not pass the startup option on, set it on the role instead: ALTER ROLE lianxin SET jit = off.
LIANXIN_PG_JIT = env.bool("LIANXIN_PG_JIT", default=False)
if not LIANXIN_PG_JIT and not LIANXIN_PGBOUNCER:
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _options = _database.setdefault("OPTIONS", {})
            _options["options"] = " ".join(filter(None, [_options.get("options", ""), "-c jit=off"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and jobs: Redis when REDIS_URL is given, else local memory and Huey on SQLite. The "shared" cache
# (rate-limit counters) must be seen by every worker on every host: Redis, or else a table in the database
# (never local memory, which is one process's own: lianxin.core.ratelimit checks this at start-up).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lianxin-shared",
        },
    }
    _huey_class, _huey_connection = "huey.RedisHuey", {"url": REDIS_URL}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "lianxin"},
        "shared": {
            "BACKEND": "lianxin.core.ratelimit.AtomicDatabaseCache",
            "LOCATION": "lianxin_shared_cache",
        },
    }
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
AUTHENTICATION_BACKENDS = [
    # Axes first: a locked-out account or address is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "lianxin.people.backends.UsernameOrMobileBackend",
    "lianxin.security.permissions.RolePermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Argon2 by default; PBKDF2-HMAC-SM3 for deployments whose 密评 requires 商用密码 (PASSWORD_HASHER=sm3).
# Every hasher stays listed so that existing hashes keep verifying and are upgraded at the next sign-in.
_HASHERS = {
    "argon2": "django.contrib.auth.hashers.Argon2PasswordHasher",
    "sm3": "lianxin.security.hashers.PBKDF2SM3PasswordHasher",
    "pbkdf2": "django.contrib.auth.hashers.PBKDF2PasswordHasher",
}
PASSWORD_HASHER = env("PASSWORD_HASHER", default="argon2")
if PASSWORD_HASHER not in _HASHERS:
    raise ImproperlyConfigured(f"PASSWORD_HASHER must be one of {', '.join(_HASHERS)}.")
PASSWORD_HASHERS = [_HASHERS[PASSWORD_HASHER], *(h for k, h in _HASHERS.items() if k != PASSWORD_HASHER)]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "lianxin.security.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "lianxin.security.passwords.NotUsernameValidator"},
    {"NAME": "lianxin.security.passwords.HistoryValidator", "OPTIONS": {"keep": 5}},
]
# 等保: staff passwords expire (0: never); initial passwords set by an administrator must be changed.
PASSWORD_EXPIRY_DAYS = env.int("PASSWORD_EXPIRY_DAYS", default=90)

# Sign-in failures (django-axes): 5 failures within 15 minutes lock the account and, separately, the address,
# for 15 minutes after the last failure; the security administrator can unlock at once.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# axes' own reset on success deletes every failure from the address too, so that anyone holding an account
# could clear a colleague's count by signing in between guesses: lianxin.security.lockout.failures_clear_own
# clears only the signed-in account's own failures.
AXES_RESET_ON_SUCCESS = False
AXES_USERNAME_CALLABLE = "lianxin.security.lockout.login_key"
AXES_LOCKOUT_CALLABLE = "lianxin.security.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "password"]
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Two factors (django-otp TOTP, with recovery codes): required for these roles, optional for everyone else.
OTP_REQUIRED_ROLES = env.list(
    "OTP_REQUIRED_ROLES", default=["org_admin", "system_admin", "security_admin", "audit_admin"]
)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="连心")

# Rate limits, counted in the shared cache: "count/period" with period s, m, h or d.
RATE_LIMITS = {
    "login": env("RATE_LIMIT_LOGIN", default="20/m"),
    "api_token": env("RATE_LIMIT_API_TOKEN", default="600/m"),
    "api_token_ip": env("RATE_LIMIT_API_TOKEN_IP", default="1200/m"),
    # Each Open311 key, unless its external system sets its own (docs/open311.md); reads without a key, per
    # address.
    "open311_key": env("RATE_LIMIT_OPEN311_KEY", default="600/m"),
    "open311_public": env("RATE_LIMIT_OPEN311_PUBLIC", default="60/m"),
    # Report intake per account (or address when signed out): pages and API alike; and photo uploads.
    "report": env("RATE_LIMIT_REPORT", default="120/h"),
    "photo_upload": env("RATE_LIMIT_PHOTO_UPLOAD", default="600/h"),
}

# Audit: kept at least this many days (the app never deletes a younger record); chained with SM3 or SHA-256.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=180)
if AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured("AUDIT_RETENTION_DAYS must be at least 180 (等保 三级: 6 months).")
AUDIT_HASH = env("AUDIT_HASH", default="sm3")

# Personal data at rest: SM4-GCM (商用密码) or AES-256-GCM; blind indexes HMAC-SM3 or HMAC-SHA256.
FIELD_CIPHER = env("FIELD_CIPHER", default="sm4-gcm")
FIELD_ENCRYPTION_KEY_VERSION = env.int("FIELD_ENCRYPTION_KEY_VERSION", default=2)
# Keys of earlier versions, still needed to read what they sealed: "1=key,2=key" (see docs/operations.md).
FIELD_ENCRYPTION_OLD_KEYS = env.dict("FIELD_ENCRYPTION_OLD_KEYS", default={})
BLIND_INDEX_HASH = env("BLIND_INDEX_HASH", default="sm3")

# Uploads: outside the code tree (MEDIA_ROOT), random names, checked by content.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=40_000_000)

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
# 1–5 stars beside the three levels: the level each number of stars means (docs/cases.md 评价). The figures
# count the levels only, so a star rating never changes what they mean.
LIANXIN_RATING_STARS = {5: "satisfied", 4: "satisfied", 3: "basic", 2: "unsatisfied", 1: "unsatisfied"}
# The figures (docs/figures.md): targets shown beside them, and the ranking's minimum volume.
LIANXIN_TARGET_SATISFACTION = env.float("LIANXIN_TARGET_SATISFACTION", default=0.90)
LIANXIN_TARGET_ONE_PASS = env.float("LIANXIN_TARGET_ONE_PASS", default=0.98)
LIANXIN_TARGET_WORKERS_PER_10K = env.float("LIANXIN_TARGET_WORKERS_PER_10K", default=18)
LIANXIN_RANKING_MIN_VOLUME = env.int("LIANXIN_RANKING_MIN_VOLUME", default=10)
# The dashboard's figures of an area and period are computed once a minute at most (0: every request).
LIANXIN_DASHBOARD_CACHE_SECONDS = env.int("LIANXIN_DASHBOARD_CACHE_SECONDS", default=60)
# The practices panel reads the cases themselves (seconds at a county's million): five minutes at most.
LIANXIN_PRACTICES_CACHE_SECONDS = env.int("LIANXIN_PRACTICES_CACHE_SECONDS", default=300)
# Outbound notifications (SMS, WeChat templates …): a dotted path to a backend class, see docs/cases.md.
LIANXIN_NOTIFICATION_BACKEND = env(
    "LIANXIN_NOTIFICATION_BACKEND", default="lianxin.notifications.backends.LoggingBackend"
)
# Photos attached to one step of a case (their size and pixel limits are UPLOAD_MAX_BYTES/PIXELS).
LIANXIN_PHOTOS_PER_STEP = env.int("LIANXIN_PHOTOS_PER_STEP", default=9)
# The household tags (codes) that make a household one in need of a pairing (结对, "1+N帮1", P001-29).
LIANXIN_PAIRING_TAGS = env.list(
    "LIANXIN_PAIRING_TAGS",
    default=["lone_elderly", "empty_nest", "subsistence", "disability", "left_behind_child"],
)
# The 15-minute service circle (docs/services.md): straight-line metres × detour ÷ metres a minute, and the
# share of estates (grids) with a station to reach (P004-28).
LIANXIN_WALK_DETOUR = env.float("LIANXIN_WALK_DETOUR", default=1.3)
LIANXIN_WALK_METRES_PER_MIN = env.float("LIANXIN_WALK_METRES_PER_MIN", default=80)
LIANXIN_TARGET_STATION_COVERAGE = env.float("LIANXIN_TARGET_STATION_COVERAGE", default=0.73)
# An unconfirmed redemption code lapses after this many days: its points and the reward go back.
LIANXIN_REDEMPTION_DAYS = env.int("LIANXIN_REDEMPTION_DAYS", default=30)
# Points paid to whoever fulfils a wish the resident confirms, and per hour of an accepted service project.
LIANXIN_POINTS_PER_WISH = env.int("LIANXIN_POINTS_PER_WISH", default=20)
LIANXIN_POINTS_PER_HOUR = env.int("LIANXIN_POINTS_PER_HOUR", default=10)

# Deliberation, assessment, supervision, readiness (issue 22): the seeds' rules as defaults.
# How often a meeting kind is due where its body sets no rule of its own (an iCalendar RRULE).
LIANXIN_MEETING_DEFAULT_RRULE = env("LIANXIN_MEETING_DEFAULT_RRULE", default="FREQ=MONTHLY;INTERVAL=3")
# An alliance chair's term before the next unit in the order takes over (联盟理事长轮值).
LIANXIN_ALLIANCE_CHAIR_MONTHS = env.int("LIANXIN_ALLIANCE_CHAIR_MONTHS", default=12)
# The community committee's share of a property company's year score, in per cent (P001-34).
LIANXIN_COMPANY_COMMUNITY_WEIGHT = env.int("LIANXIN_COMPANY_COMMUNITY_WEIGHT", default=50)
# Below this year score a property company is flagged for rectification or exit (P001-35).
LIANXIN_COMPANY_WARNING_SCORE = env.float("LIANXIN_COMPANY_WARNING_SCORE", default=60)
# Property fee collection target (P004-30).
LIANXIN_TARGET_FEE_COLLECTION = env.float("LIANXIN_TARGET_FEE_COLLECTION", default=0.90)
# Star-rating targets for organ branches: all at three stars or more, 40 % at five (P003-51).
LIANXIN_TARGET_THREE_STAR = env.float("LIANXIN_TARGET_THREE_STAR", default=1.0)
LIANXIN_TARGET_FIVE_STAR = env.float("LIANXIN_TARGET_FIVE_STAR", default=0.40)
# Task categories a street may not be given, as tasks or indicators (P004-03): their codes.
LIANXIN_STREET_BANNED_TASK_CATEGORIES = env.list(
    "LIANXIN_STREET_BANNED_TASK_CATEGORIES", default=["task_investment", "task_tax"]
)
# Points of the comprehensive performance assessment for urban party building, scaled by on-time completion.
LIANXIN_PERFORMANCE_POINTS = env.float("LIANXIN_PERFORMANCE_POINTS", default=10)
# A party member's credit score before any credit event (P002-74, 星级+信用).
LIANXIN_CREDIT_BASE = env.int("LIANXIN_CREDIT_BASE", default=100)
# A mobilisation sends its call-out in batches of this many people (one job each).
LIANXIN_MOBILISATION_BATCH = env.int("LIANXIN_MOBILISATION_BATCH", default=500)

# The API and Open311 (docs/api.md, docs/open311.md).
# How long a write's first answer is kept (core.IdempotentAnswer) for replays with the same Idempotency-Key.
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
# GET requests, GET a request and GET tokens without an api_key: "none" (403), "public" (the public fields of
# the public requests: no description, address, contact or photo) or "full" (docs/open311.md).
OPEN311_PUBLIC_READS = env("OPEN311_PUBLIC_READS", default="public")
# Shown in /open311/discovery.{xml,json}.
OPEN311_CONTACT = env("OPEN311_CONTACT", default="")
OPEN311_KEY_SERVICE = env("OPEN311_KEY_SERVICE", default="")

# Chinese first: one language, no per-request switching.
LANGUAGE_CODE = "zh-hans"
# Date fields render ISO dates, as <input type="date"> needs (lianxin/formats/zh_Hans/formats.py).
FORMAT_MODULE_PATH = ["lianxin.formats"]
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

# Sessions: staff desks are shared, so a session ends with the browser, after 30 idle minutes for staff (a few
# hours for residents on their own phones), and after a working day at most however active it is.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_IDLE_TIMEOUT_STAFF = env.int("SESSION_IDLE_TIMEOUT_STAFF", default=30 * 60)
SESSION_IDLE_TIMEOUT_RESIDENT = env.int("SESSION_IDLE_TIMEOUT_RESIDENT", default=4 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The pages hand HTMX its token in <body hx-headers>; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Transport security: on unless DEBUG or the demo (plain HTTP on 127.0.0.1); each can be turned off for a
# deployment behind a TLS proxy.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not _LOCAL)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not _LOCAL)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not _LOCAL)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if _LOCAL else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not _LOCAL)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not _LOCAL)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content security policy: scripts, styles and images from this site only; no inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logging: one structured line per event on stdout (logfmt), each carrying the request id; mobile and ID
# numbers are masked in every line, whatever wrote it (lianxin.core.logscrub).
from lianxin.core.logscrub import scrub_personal_numbers  # noqa: E402 - plain module, no Django imports

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
        scrub_personal_numbers,
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
            "foreign_pre_chain": [
                *_shared_processors,
                structlog.processors.format_exc_info,
                scrub_personal_numbers,
            ],
        },
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "logfmt", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # django-axes logs every attempt at INFO; the audit trail already records them.
        "axes": {"level": "WARNING"},
        # A handler of its own stops run_huey from adding a second, unstructured one.
        "huey": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
    },
}
DJANGO_STRUCTLOG_CELERY_ENABLED = False
# Behind nginx the proxy's X-Request-ID ties its access log to ours; a direct client must not choose ids.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = env.bool("TRUST_UPSTREAM_REQUEST_ID", default=False)

# Rural clusters, cooperatives, land, collective income and talent (issue 23, docs/rural.md, docs/talent.md).
# The collective-income tiers counted per year (yuan): villages at or above each (P002-27).
LIANXIN_INCOME_TIERS = [int(v) for v in env.list("LIANXIN_INCOME_TIERS", default=["100000", "500000"])]
# The one-off award to a cooperative rated 优秀 by the three departments (yuan, P002-67).
LIANXIN_COOP_AWARD = env("LIANXIN_COOP_AWARD", default="300000.00")
# Shares of a village's collective-income increase paid as rewards: its party secretary, and the cooperative's
# other managers together (split evenly, to the fen; P002-68).
LIANXIN_REWARD_SHARES = [v for v in env.list("LIANXIN_REWARD_SHARES", default=["0.15", "0.15"])]
# A returnee with no follow-up for this many days is listed (P000-21).
LIANXIN_RETURNEE_FOLLOWUP_DAYS = env.int("LIANXIN_RETURNEE_FOLLOWUP_DAYS", default=60)
# The reserve pool's age bands (upper bounds, inclusive): ≤30, 31–35, 36–40, over 40 (P004-39).
LIANXIN_RESERVE_AGE_BANDS = [
    int(v) for v in env.list("LIANXIN_RESERVE_AGE_BANDS", default=["30", "35", "40"])
]
# The most rows one Excel import takes.
IMPORT_MAX_ROWS = env.int("LIANXIN_IMPORT_MAX_ROWS", default=10000)
