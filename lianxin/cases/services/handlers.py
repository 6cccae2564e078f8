"""A handler and a deadline named outright, at intake (``case_report``) or at dispatch (``case_dispatch``):
checked the same way in both places, so a page, the API and another app's call cannot differ."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases import clock
from lianxin.cases.routing import Target, level_of
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW
from lianxin.people.models import Department, Organisation, OrganisationKind, Person

# The organisations a dispatcher sends cases to without their being in his scope: the estate's property
# company and the providers serving the place are his directory. Any other organisation (an employer unit,
# an owners' committee) must be one his posts reach.
DIRECTORY_KINDS = (OrganisationKind.PROPERTY_COMPANY, OrganisationKind.PROVIDER)


def handler_target(
    actor,
    *,
    area: Area,
    person: Person | None = None,
    department: Department | None = None,
    organisation: Organisation | None = None,
    party_org=None,
    category=None,
) -> Target:
    """The target for the one handler chosen, refused (``DomainError`` on ``target``) when it does not
    serve the place or lies outside the actor's reach, or (given the case's ``category``) when an app's
    dispatch choices for its kind leave it out (``routing.dispatch_choices_register``)."""
    from lianxin.cases.routing import dispatch_choice_refusal, target_at
    from lianxin.party.models import PartyOrg

    chosen = [t for t in (person, department, organisation, party_org) if t is not None]
    if len(chosen) != 1:
        raise DomainError(
            _("Choose one handler: a person, a department, an organisation or a party organisation."),
            field="target",
        )
    if person is not None:
        posts = person.posts.current().filter(area__isnull=False).select_related("area")
        over = [p.area for p in posts if area.path.startswith(p.area.path)]
        if not over:
            raise DomainError(
                _("%(name)s holds no post over the place of this case.") % {"name": person.name},
                field="target",
            )
        post_area = max(over, key=lambda a: a.depth)
        return Target(level_of(post_area), post_area, person=person)
    if department is not None:
        if not area.path.startswith(department.area.path):
            raise DomainError(_("This department does not serve the place of this case."), field="target")
        return target_at(department, case_area=area)
    if party_org is not None:
        # A branch, a committee, a task force: one the actor's posts reach (its own tree, or anchored in
        # his area).
        if not PartyOrg.objects.restrict(actor, VIEW).filter(pk=party_org.pk).exists():
            raise DomainError(
                _("Cases go to party organisations your post reaches, not to this one."), field="target"
            )
        return target_at(party_org, case_area=area)
    if (
        organisation.kind not in DIRECTORY_KINDS
        and not Organisation.objects.restrict(actor, VIEW).filter(pk=organisation.pk).exists()
    ):
        raise DomainError(
            _("Cases go to property companies, providers and organisations your post reaches."),
            field="target",
        )
    if category is not None:
        refusal = dispatch_choice_refusal(category=category, area=area, organisation=organisation)
        if refusal:
            raise DomainError(refusal, field="target")
    return target_at(organisation, case_area=area)


def due_clean(value) -> datetime | None:
    """A handling deadline set for one case: a moment in the future."""
    if value in (None, ""):
        return None
    if not isinstance(value, datetime):
        raise DomainError(_("Give the deadline as a date and time."), field="handle_due")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value <= clock.now():
        raise DomainError(_("The deadline must lie in the future."), field="handle_due")
    return value


def pool(area: Area, level=None) -> Target:
    return Target(level or level_of(area), area)
