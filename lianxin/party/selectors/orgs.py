"""Reads for the organisation pages and API: key industry chains, member posts, secretary studios, and
finding a person by what a clerk types. Each starts from ``restrict(user)``."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.party.models import PartyOrg
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.member_posts import MemberPost
from lianxin.party.models.studios import SecretaryStudio, StudioMentee
from lianxin.people.models import Organisation, Person, Post, is_mobile
from lianxin.people.roles import Role


def person_find(*, user, text: str, field_name: str = "person") -> Person | None:
    """The person the user means: by id (the API), or exactly by mobile or ID number (the pages)."""
    from django.utils.translation import gettext as _

    text = (text or "").strip()
    if not text:
        return None
    persons = Person.objects.restrict(user)
    if text.isdigit() and len(text) < 11:
        found = persons.filter(pk=int(text)).first()
    elif is_mobile(text):
        found = persons.filter(mobile_index=Person.mobile_lookup(text)).first()
    else:
        found = persons.filter(id_number_index=Person.id_number_lookup(text)).first()
    if found is None:
        raise DomainError(_("No person within your scope has this number."), code="invalid", field=field_name)
    return found


def scoped_pick(model, *, user, value, field_name: str):
    """An object of ``model`` by id within the user's scope, None for an empty value, else a 400."""
    from django.utils.translation import gettext as _

    if value in (None, ""):
        return None
    try:
        return model.objects.restrict(user).get(pk=int(value))
    except (ValueError, TypeError, model.DoesNotExist):
        raise DomainError(_("Choose one within your scope."), code="invalid", field=field_name) from None


# -- key industry chains ---------------------------------------------------------------------------------


@dataclass
class ChainRow:
    chain: IndustryChain
    enterprises: list = field(default_factory=list)
    secretaries: list = field(default_factory=list)
    leaders: list = field(default_factory=list)

    @property
    def ready_without_org(self) -> bool:
        return self.chain.is_ready and self.chain.party_org_id is None

    @property
    def leader_not_secretary(self) -> bool:
        """P000-60: the chain leader should be the organisation's secretary."""
        if self.chain.party_org_id is None:
            return False
        return {p.pk for p in self.leaders} != {p.pk for p in self.secretaries} or not self.leaders


def industry_chains(*, user, root: Area | None = None, gaps_only: bool = False) -> list[ChainRow]:
    """The key chains the user may see, with enterprises, organisation, secretary and chain leader;
    ``gaps_only``: the chains that are ready but have no party organisation yet (P000-59)."""
    chains = IndustryChain.objects.restrict(user).select_related("area", "party_org")
    if root is not None:
        chains = chains.filter(under("area_path", root.path))
    if gaps_only:
        chains = chains.filter(is_ready=True, party_org__isnull=True)
    chains = chains.prefetch_related(
        Prefetch("enterprises", queryset=Organisation.objects.order_by("name"))
    ).order_by("area_path", "name")
    chains = list(chains)
    posts = (
        Post.objects.current()
        .filter(party_org_id__in=[c.party_org_id for c in chains if c.party_org_id])
        .filter(role__in=[Role.SECRETARY, Role.CHAIN_LEADER])
        .select_related("person")
    )
    by_org: dict[int, dict[str, list]] = {}
    for post in posts:
        by_org.setdefault(post.party_org_id, {}).setdefault(post.role, []).append(post.person)
    rows = []
    for chain in chains:
        held = by_org.get(chain.party_org_id, {})
        rows.append(
            ChainRow(
                chain=chain,
                enterprises=list(chain.enterprises.all()),
                secretaries=held.get(Role.SECRETARY, []),
                leaders=held.get(Role.CHAIN_LEADER, []),
            )
        )
    return rows


# -- member model posts and responsibility areas ------------------------------------------------------


def member_posts(*, user, org: PartyOrg | None = None, root: Area | None = None):
    """Current model posts, responsibility areas and shock teams, per organisation (P000-67)."""
    posts = MemberPost.objects.restrict(user).current().select_related("org", "holder")
    if org is not None:
        posts = posts.filter(under("org_path", org.path))
    if root is not None:
        posts = posts.filter(under("area_path", root.path))
    return posts.order_by("org_path", "kind", "name", "id")


# -- secretary studios ------------------------------------------------------------------------------------


def secretary_studios(*, user):
    current = StudioMentee.objects.filter(until__isnull=True).select_related("mentee").order_by("since", "id")
    return (
        SecretaryStudio.objects.restrict(user)
        .select_related("lead", "area")
        .prefetch_related(Prefetch("mentees", queryset=current, to_attr="current_mentees"))
        .order_by("area_path", "name")
    )


def mentors_of(*, user, person: Person) -> list[StudioMentee]:
    """The studios (and their lead secretaries) mentoring this person now: shown on his profile."""
    return list(
        StudioMentee.objects.restrict(user)
        .filter(mentee=person, until__isnull=True)
        .select_related("studio", "studio__lead")
        .order_by("since")
    )


def studios_led_by(*, user, person: Person):
    return SecretaryStudio.objects.restrict(user).filter(lead=person).order_by("name")


@dataclass
class CompanyRow:
    company: Organisation
    party_orgs: list
    estates: list
    # the party orgs the user may open (a branch set up at the county may not be)
    openable: frozenset = frozenset()


def property_companies(*, user, key_only: bool = False) -> list[CompanyRow]:
    """Property companies the user may see, with their party organisations (and set-up mode), the
    estates they serve now and their contact (P000-39, P000-40)."""
    from lianxin.people.models import EstateService, OrganisationKind

    companies = Organisation.objects.restrict(user).filter(kind=OrganisationKind.PROPERTY_COMPANY)
    if key_only:
        companies = companies.filter(is_key_company=True)
    companies = list(companies.prefetch_related("party_orgs").order_by("-is_key_company", "name"))
    served: dict[int, list] = {}
    services = EstateService.objects.filter(company__in=companies, service_end__isnull=True).select_related(
        "estate"
    )
    for service in services.order_by("estate__path"):
        served.setdefault(service.company_id, []).append(service.estate)
    org_ids = {org.pk for c in companies for org in c.party_orgs.all()}
    openable = frozenset(PartyOrg.objects.restrict(user).filter(pk__in=org_ids).values_list("pk", flat=True))
    return [CompanyRow(c, list(c.party_orgs.all()), served.get(c.pk, []), openable) for c in companies]


def mobile_members(*, user, root: Area | None = None):
    """Current memberships marked mobile (流动党员) the user may see, under ``root`` (P002-13): one line per
    membership, so a member enrolled in a mobile branch shows there beside his home branch."""
    from lianxin.party.models import Membership

    members = Membership.objects.restrict(user).current().filter(is_mobile=True)
    if root is not None:
        members = members.filter(under("area_path", root.path))
    return members.select_related("person", "org").order_by("area_path", "person__name", "id")
