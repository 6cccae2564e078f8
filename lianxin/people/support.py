"""Recording support for landless residents and listing those who have had none (P001-17)."""

import datetime

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.people.models import Person
from lianxin.people.models.support import LANDLESS_TAG, Support, SupportKind


@transaction.atomic
def support_record(
    *, actor, person: Person, kind: str, given_on: datetime.date | None = None, note: str = ""
) -> Support:
    if kind not in SupportKind.values:
        raise DomainError(_("Choose the kind of support."), field="kind")
    if not person.tags.filter(code=LANDLESS_TAG).exists():
        raise DomainError(
            _("%(name)s is not tagged as a landless resident.") % {"name": person.name}, field="person"
        )
    if given_on and given_on > datetime.date.today():
        raise DomainError(_("Support cannot be given in the future."), field="given_on")
    return Support.objects.create(
        person=person,
        kind=kind,
        given_on=given_on or datetime.date.today(),
        note=note.strip()[:200],
        area_path=person.area_path,
        recorded_by=actor,
    )


def landless_persons(*, user, area=None, unsupported_only: bool = False):
    """Persons tagged landless that the user may see, with their number of supports (``support_count``)."""
    persons = Person.objects.restrict(user).filter(tags__code=LANDLESS_TAG)
    if area is not None:
        persons = persons.filter(under("area_path", area.path))
    supports = Support.objects.restrict(user).filter(person=OuterRef("pk"))
    persons = persons.annotate(has_support=Exists(supports), support_count=Count("supports", distinct=True))
    if unsupported_only:
        persons = persons.filter(has_support=False)
    return persons.distinct().order_by("area_path", "name", "id")


def landless_counts(*, user, area=None, unsupported_only: bool = False) -> dict[str, int]:
    """How many landless residents the list holds and, of the whole list, how many have had no support."""
    unsupported = landless_persons(user=user, area=area, unsupported_only=True).count()
    everyone = unsupported if unsupported_only else landless_persons(user=user, area=area).count()
    return {"count": everyone, "unsupported": unsupported}
