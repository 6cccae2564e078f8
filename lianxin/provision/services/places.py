"""A place's rules and documents (工作制度、管理办法, P002-42) and a complex's formats (业态, P000-44).
Keyword-only, the acting user first; the staff over the place (``permissions.keeps_place``) write, each
write with its audit record (audit_register) in one transaction."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation
from lianxin.provision import permissions
from lianxin.provision.models import FormatKind, PlaceFormat, PlaceRule, RuleKind


def _forbidden():
    return DomainError(_("Only the staff over this place keep its rules and formats."), code="forbidden")


def rule_record(
    actor, *, place, title: str, in_force_from, kind: str = RuleKind.RULE, body: str = "", replaces=None
) -> PlaceRule:
    """Put a rule or document in force at ``place`` from ``in_force_from``. With ``replaces`` (a rule of
    the same place still in force) the old one ends the day before and keeps its period as history."""
    if not permissions.keeps_place(actor, place):
        raise _forbidden()
    title = (title or "").strip()
    if not title or len(title) > 100:
        raise DomainError(_("Name the rule (at most 100 characters)."), field="title")
    if kind not in RuleKind.values:
        raise DomainError(_("Choose what kind of rule this is."), field="kind")
    if in_force_from is None:
        raise DomainError(_("Enter the day the rule comes into force."), field="in_force_from")
    with transaction.atomic():
        old = None
        if replaces is not None:
            old = PlaceRule.objects.select_for_update().filter(pk=replaces.pk, place=place).first()
            if old is None:
                raise DomainError(_("The rule replaced must be one of this place."), field="replaces")
            if old.replaced_by_id is not None or (
                old.in_force_to is not None and old.in_force_to < in_force_from
            ):
                raise DomainError(_("This rule is no longer in force."), code="invalid_state")
            if in_force_from <= old.in_force_from:
                raise DomainError(
                    _("The new version must come into force after the one it replaces."),
                    field="in_force_from",
                )
        rule = PlaceRule.objects.create(
            place=place,
            kind=kind,
            title=title,
            body=(body or "").strip(),
            in_force_from=in_force_from,
            area_path=place.area_path,
            created_by=actor,
        )
        if old is not None:
            old.in_force_to = in_force_from - timedelta(days=1)
            old.replaced_by = rule
            old.save(update_fields=["in_force_to", "replaced_by"])
    return rule


def rule_end(actor, *, rule: PlaceRule, in_force_to=None) -> PlaceRule:
    """Repeal a rule: it stays on record, in force until ``in_force_to`` (today when not given)."""
    if not permissions.keeps_place(actor, rule.place):
        raise _forbidden()
    in_force_to = in_force_to or timezone.localdate()
    with transaction.atomic():
        rule = PlaceRule.objects.select_for_update().get(pk=rule.pk)
        if rule.in_force_to is not None:
            raise DomainError(_("This rule is no longer in force."), code="invalid_state")
        if in_force_to < rule.in_force_from:
            raise DomainError(_("A rule cannot end before it comes into force."), field="in_force_to")
        rule.in_force_to = in_force_to
        rule.save(update_fields=["in_force_to"])
    return rule


def format_save(actor, *, place, format: str, provider: Organisation | None = None, since=None, note=""):
    """Record (or change) one format of a complex and the provider that runs it."""
    if not permissions.keeps_place(actor, place):
        raise _forbidden()
    if format not in FormatKind.values:
        raise DomainError(_("Choose a format."), field="format")
    if provider is not None and provider.kind not in ("provider", "partner_shop"):
        raise DomainError(_("A format is run by a registered provider."), field="provider")
    with transaction.atomic():
        row = PlaceFormat.objects.select_for_update().filter(place=place, format=format).first()
        row = row or PlaceFormat(place=place, format=format)
        row.provider = provider
        row.since = since
        row.note = (note or "").strip()[:200]
        row.area_path = place.area_path
        row.save()
    return row


def format_remove(actor, *, row: PlaceFormat) -> None:
    if not permissions.keeps_place(actor, row.place):
        raise _forbidden()
    row.delete()
