"""Start-up checks: the rate-limit cache must be shared by every worker (not one process's memory)."""

from django.conf import settings
from django.core import checks

_NOT_SHARED = {
    "django.core.cache.backends.locmem.LocMemCache": "local memory is one process's own",
    "django.core.cache.backends.dummy.DummyCache": "it keeps nothing",
    "django.core.cache.backends.filebased.FileBasedCache": "it has no atomic increment",
    "django.core.cache.backends.db.DatabaseCache": "its increment is not atomic; use AtomicDatabaseCache",
}


@checks.register(checks.Tags.caches)
def shared_cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES.get("shared", {}).get("BACKEND", "")
    if not backend:
        return [checks.Error("CACHES has no 'shared' alias (rate limits).", id="lianxin.E001")]
    if backend in _NOT_SHARED:
        return [
            checks.Error(
                f"CACHES['shared'] uses {backend}: {_NOT_SHARED[backend]}, so it cannot count rate limits.",
                hint="Use Redis (REDIS_URL) or lianxin.core.ratelimit.AtomicDatabaseCache.",
                id="lianxin.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security)
def media_root_outside_the_code(app_configs, **kwargs):
    media = settings.MEDIA_ROOT.resolve()
    code = (settings.BASE_DIR / "lianxin").resolve()
    static = settings.STATIC_ROOT.resolve()
    if media in (code, static) or code in media.parents or static in media.parents:
        return [checks.Error("MEDIA_ROOT must lie outside the code and the static files.", id="lianxin.E003")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def demo_mode_is_off(app_configs, **kwargs):
    # The demo mode generates its own secrets, allows plain HTTP and loads accounts with a published password.
    if getattr(settings, "LIANXIN_DEMO", False):
        return [
            checks.Warning(
                "LIANXIN_DEMO is on: secrets generated in var/, no HTTPS, demo accounts allowed.",
                hint="Never on a real deployment: unset LIANXIN_DEMO (docs/operations.md).",
                id="lianxin.W010",
            )
        ]
    return []
