"""Model registration: one line per model makes every create, change and delete of its rows an audit record.

    from lianxin.audit.registry import audit_register
    audit_register(Case, redact=("reporter_mobile",))

Values of encrypted fields, and of the fields named in ``redact``, are never written: the record says only
that they changed. ``permission=True`` marks the model's changes as permission changes (posts, accounts).
Bulk writes (``bulk_create``, ``update``) send no signals: services that use them call ``audit_record``
themselves (one record per batch, e.g. an import).
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.fields import EncryptedCharField

REDACTED = "***"


@dataclass(frozen=True)
class Registration:
    fields: tuple[str, ...]
    redact: frozenset[str]
    permission: bool
    repr: bool


_registry: dict[type, Registration] = {}
_suppressed: contextvars.ContextVar[bool] = contextvars.ContextVar("lianxin_audit_suppressed", default=False)


@contextmanager
def audit_suppressed():
    """No per-row records inside: for loaders that write one summary record instead (the demo county)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def _concrete_fields(model, exclude) -> tuple[str, ...]:
    return tuple(
        f.attname for f in model._meta.concrete_fields if f.name not in exclude and f.attname not in exclude
    )


def audit_register(
    model,
    *,
    redact: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    permission: bool = False,
    repr: bool = True,  # noqa: A002 - the record's "object" column; False for rows named after a person
) -> None:
    """Audit every create, change and delete of ``model``'s rows (idempotent)."""
    if model in _registry:
        return
    secret = {f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)}
    _registry[model] = Registration(
        fields=_concrete_fields(model, set(exclude)),
        redact=frozenset(secret | set(redact)),
        permission=permission,
        repr=repr,
    )
    uid = f"lianxin-audit-{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid, weak=False)
    post_save.connect(_after_save, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid, weak=False)
    for m2m in model._meta.many_to_many:
        m2m_changed.connect(
            _m2m_changed, sender=m2m.remote_field.through, dispatch_uid=f"{uid}-{m2m.name}", weak=False
        )


def audit_registered(model) -> bool:
    return model in _registry


def _value(registration: Registration, name: str, value):
    if name in registration.redact:
        return REDACTED if value not in (None, "") else ""
    if isinstance(value, models.Model):
        return value.pk
    return value


def _snapshot(registration: Registration, instance) -> dict:
    return {name: getattr(instance, name) for name in registration.fields}


def _active(sender):
    return None if _suppressed.get() else _registry.get(sender)


def _before_save(sender, instance, raw=False, **kwargs):
    registration = _active(sender)
    if registration is None or raw or instance.pk is None:
        return
    update_fields = kwargs.get("update_fields")
    names = registration.fields
    if update_fields:
        wanted = set(update_fields)
        names = tuple(n for n in names if n in wanted or n.removesuffix("_id") in wanted)
    if not names:  # a save of unaudited fields only (e.g. last_login)
        instance._audit_before = {}
        return
    instance._audit_before = sender._base_manager.filter(pk=instance.pk).values(*names).first()


def _action(registration: Registration, default: str) -> str:
    return Action.PERMISSION_CHANGE if registration.permission else default


def _after_save(sender, instance, created, raw=False, **kwargs):
    registration = _active(sender)
    if registration is None or raw:
        return
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    after = _snapshot(registration, instance)
    if created or before is None:
        changes = {n: [None, _value(registration, n, v)] for n, v in after.items() if v not in (None, "")}
        verb = "create"
    else:
        changes = {
            n: [_value(registration, n, old), _value(registration, n, after[n])]
            for n, old in before.items()
            if old != after.get(n)
        }
        if not changes:
            return
        verb = "update"
    audit_record(
        action=_action(registration, verb),
        obj=instance,
        object_repr=str(instance) if registration.repr else "",
        changes=changes,
        detail={"operation": verb} if registration.permission else None,
    )


def _after_delete(sender, instance, **kwargs):
    registration = _active(sender)
    if registration is None:
        return
    before = _snapshot(registration, instance)
    audit_record(
        action=_action(registration, Action.DELETE),
        obj=instance,
        object_repr=str(instance) if registration.repr else "",
        changes={n: [_value(registration, n, v), None] for n, v in before.items() if v not in (None, "")},
        detail={"operation": "delete"} if registration.permission else None,
    )


def _m2m_changed(sender, instance, action, model, pk_set, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    registration = _active(type(instance))
    if registration is None:
        return
    field = next(
        (f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), "related"
    )
    audit_record(
        action=_action(registration, Action.UPDATE),
        obj=instance,
        object_repr=str(instance) if registration.repr else "",
        changes={field: {action.removeprefix("post_"): sorted(pk_set or [])}},
    )


def audit_register_defaults() -> None:
    """The platform's own business and permission records. Other apps register theirs in their ready()."""
    from django.apps import apps

    people = apps.get_app_config("people")
    User = people.get_model("User")  # noqa: N806
    audit_register(
        User,
        exclude=("last_login", "password"),
        permission=True,
    )
    audit_register(people.get_model("Post"), permission=True)
    audit_register(people.get_model("Person"), redact=("name", "note", "birth_date"), repr=False)
    audit_register(people.get_model("CorrectionRequest"), repr=False)
    for label in ("Department", "Organisation", "EstateService", "PersonTag"):
        audit_register(people.get_model(label))
    areas = apps.get_app_config("areas")
    for model in areas.get_models():
        redact = ("note", "address") if model.__name__ == "Household" else ()
        audit_register(model, redact=redact, repr=model.__name__ != "Household")
    tokens = apps.get_app_config("tokens")
    audit_register(
        tokens.get_model("ApiToken"), exclude=("key_hash", "last_used_at", "last_used_ip"), permission=True
    )
    party = apps.get_app_config("party")
    for model in party.get_models():
        audit_register(model, repr=model.__name__ in ("PartyOrg",))
