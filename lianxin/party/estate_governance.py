"""An estate's branch and owners' committee side by side (P004-07, P004-10): whether each has a plaque and
operates physically (office place, since when), who is the branch secretary and who directs the owners'
committee, and whether they are the same person. The estate page and ``GET /api/v1/areas/{id}/estate`` show
it; the figures page counts the same facts over an area (``party.figures.organisation.plaques`` and
``mature_estates_without_joint_secretary``)."""

from dataclasses import dataclass

from lianxin.areas.models import Area
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Person, Post
from lianxin.people.roles import Role


@dataclass
class EstateGovernance:
    branch: PartyOrg | None
    committee: Organisation | None
    secretary: Person | None
    director: Person | None

    @property
    def joint(self) -> bool:
        """The branch secretary also directs the owners' committee (书记兼任业委会主任)."""
        return (
            self.secretary is not None and self.director is not None and self.secretary.pk == self.director.pk
        )

    @property
    def both_plaques(self) -> bool:
        return bool(self.branch and self.branch.has_plaque and self.committee and self.committee.has_plaque)


def estate_governance(*, estate: Area) -> EstateGovernance:
    """For an estate the caller may already see (the page and the API fetch it with ``get_for_user``)."""
    branch = PartyOrg.objects.filter(area=estate, kind=OrgKind.BRANCH).order_by("id").first()
    committee = (
        Organisation.objects.filter(kind=OrganisationKind.OWNERS_COMMITTEE, estate=estate)
        .order_by("id")
        .first()
    )
    secretary = director = None
    if branch is not None:
        post = Post.objects.current().filter(role=Role.SECRETARY, party_org=branch).select_related("person")
        secretary = getattr(post.order_by("id").first(), "person", None)
    if committee is not None:
        post = (
            Post.objects.current()
            .filter(role=Role.OWNERS_COMMITTEE_DIRECTOR, organisation=committee)
            .select_related("person")
        )
        director = getattr(post.order_by("id").first(), "person", None)
    return EstateGovernance(branch=branch, committee=committee, secretary=secretary, director=director)
