"""An estate's type, property mode and maturity (P004-29, P004-10), set by the community's staff: the
facts the property-management and mature-estate figures are computed from."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Area, EstateType, Level, PropertyMode
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE
from lianxin.people.models import Post
from lianxin.people.roles import Role

FACT_SETTER_ROLES = frozenset(
    {Role.ORG_ADMIN, Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.COMMITTEE_MEMBER, Role.COMMUNITY_WORKER}
)


def estate_facts_setter(user) -> bool:
    if not user.is_authenticated or not user.person_id:
        return False
    return Post.objects.current().filter(person_id=user.person_id, role__in=FACT_SETTER_ROLES).exists()


@transaction.atomic
def estate_facts_set(*, actor, estate: Area, estate_type: str, property_mode: str, is_mature: bool) -> Area:
    if not estate_facts_setter(actor):
        raise DomainError(
            _("Only the community's staff and the organisation department may do this."), code="forbidden"
        )
    if estate.level != Level.ESTATE:
        raise DomainError(_("Choose an estate."), code="invalid")
    if not Area.objects.restrict(actor, CHANGE).filter(pk=estate.pk).exists():
        raise DomainError(_("You may not change posts of this area."), code="forbidden")
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
