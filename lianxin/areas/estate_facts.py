"""An estate's type, property mode and maturity (P004-29, P004-10), set by the community's staff: the
facts the property-management and mature-estate figures are computed from."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Area, EstateType, Level, PropertyMode
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE


def estate_facts_setter(user) -> bool:
    return may(user, "area.set_facts")


# Who owns which of an area's own facts: its name is the tree's ("area.rename": the organisation department
# and the secretaries who keep the tree), the rest the community's staff's ("area.set_facts"). Grid workers,
# property companies and helpers change none of them, whatever else they may write in the area: a property
# company's part is its cases and its own service (issue 19). Every write path of these facts goes through
# ``area_facts_check``.
TREE_FACTS = frozenset({"name", "short_name"})


def fact_capability(field: str) -> str:
    return "area.rename" if field in TREE_FACTS else "area.set_facts"


def area_facts_editable(*, user, area: Area) -> list[str]:
    """The facts of ``area`` this user may change (empty: he may change none): those whose capability one
    of his posts over the area (or an area above it) holds, and that post may write there."""
    from lianxin.areas.services import AREA_EDITABLE

    if area.is_retired:
        return []
    return [field for field in AREA_EDITABLE if may(user, fact_capability(field), area)]


def area_retired_check(area: Area) -> None:
    """A retired area (merged or split away, P001-12) keeps its record as it was: no more changes."""
    if area.is_retired:
        raise DomainError(
            _("%(area)s has been retired: its record is kept as it was and takes no more changes.")
            % {"area": area.name},
            code="invalid_state",
        )


def area_facts_check(*, actor, area: Area, fields) -> None:
    """Refuse a change of any fact of ``area`` that the actor's posts over it do not own."""
    if not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
        raise DomainError(_("You may not change %(area)s.") % {"area": area.name}, code="forbidden")
    area_retired_check(area)
    editable = set(area_facts_editable(user=actor, area=area))
    refused = [field for field in fields if field not in editable]
    if refused:
        if editable:
            raise DomainError(
                _("Your post may not change this fact of the area."), code="forbidden", field=refused[0]
            )
        raise DomainError(
            _("Only the community's staff and the organisation department may do this."), code="forbidden"
        )


@transaction.atomic
def estate_facts_set(*, actor, estate: Area, estate_type: str, property_mode: str, is_mature: bool) -> Area:
    if not estate_facts_setter(actor):
        raise DomainError(
            _("Only the community's staff and the organisation department may do this."), code="forbidden"
        )
    if estate.level != Level.ESTATE:
        raise DomainError(_("Choose an estate."), code="invalid")
    area_facts_check(actor=actor, area=estate, fields=("estate_type", "property_mode", "is_mature"))
    if estate_type not in ("", *EstateType.values):
        raise DomainError(_("Choose one of the listed values."), code="invalid", field="estate_type")
    if property_mode not in ("", *PropertyMode.values):
        raise DomainError(_("Choose one of the listed values."), code="invalid", field="property_mode")
    estate = Area.objects.get(pk=estate.pk)
    estate.estate_type = estate_type
    estate.property_mode = property_mode
    estate.is_mature = is_mature
    estate.save(update_fields=["estate_type", "property_mode", "is_mature"])
    return estate


class EstateFactsForm(forms.Form):
    estate_type = forms.ChoiceField(
        label=gettext_lazy("Estate type"), choices=[("", "—"), *EstateType.choices], required=False
    )
    property_mode = forms.ChoiceField(
        label=gettext_lazy("Property mode"), choices=[("", "—"), *PropertyMode.choices], required=False
    )
    is_mature = forms.BooleanField(label=gettext_lazy("Mature estate"), required=False)
