"""The demo county's key industry chains (P000-59/60), member posts (P000-67) and a secretary studio with
its mentees (P004-37), so those pages open on something shaped like the sources.

Idempotent, like the rest of the demo: each part is added only when the county has none of it yet, and
nothing users changed is touched. Deterministic: the same rows in the same order every time.
"""

from datetime import date

from lianxin.core.paths import under
from lianxin.demo.world import Built
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.member_posts import MemberPost, MemberPostKind
from lianxin.party.models.studios import SecretaryStudio, StudioMentee
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.roles import Role

# (chain, ready for a party organisation, enterprise names): one with its organisation, one ready, one not.
CHAINS = [
    ("煤化工产业链", True, ["巨川能源集团", "巨川燃化公司", "巨川焦化科技"]),
    ("生物医药产业链", True, ["巨川制药有限公司", "康宁医疗器械公司"]),
    ("绿色食品产业链", False, ["田园食品加工厂"]),
]
MEMBER_POSTS = [
    (MemberPostKind.MODEL_POST, "便民服务窗口"),
    (MemberPostKind.RESPONSIBILITY_AREA, "小区东门至3号楼"),
    (MemberPostKind.SHOCK_TEAM, "防汛抢险突击队"),
]


def _enterprise(b: Built, name: str) -> Organisation:
    found = Organisation.objects.filter(kind=OrganisationKind.EMPLOYER, name=name).first()
    if found is not None:
        return found
    return Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER, name=name, area=b.county, area_path=b.county.path
    )


def _chains_ensure(b: Built) -> None:
    if IndustryChain.objects.filter(under("area_path", b.county.path)).exists():
        return
    alliance = PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path").first()
    for name, ready, enterprises in CHAINS:
        chain = IndustryChain.objects.create(
            name=name,
            area=b.county,
            area_path=b.county.path,
            is_ready=ready,
            ready_on=date(2023, 5, 1) if ready else None,
            # The chemicals chain has its party organisation (the alliance); the medicine chain is ready and
            # waits for one, so the chains page shows what is left to set up.
            party_org=alliance if name == "煤化工产业链" else None,
        )
        chain.enterprises.set([_enterprise(b, e) for e in enterprises])


def _member_posts_ensure(b: Built) -> None:
    if MemberPost.objects.filter(under("area_path", b.county.path)).exists():
        return
    members = (
        Membership.objects.current()
        .filter(org__kind=OrgKind.BRANCH, org__area__in=b.estates[:10], kind=MembershipKind.FULL)
        .select_related("person", "org")
        .order_by("org__path", "id")
    )
    firsts = list({m.org_id: m for m in reversed(list(members))}.values())
    firsts.sort(key=lambda m: m.org.path)
    for member, (kind, name) in zip(firsts, MEMBER_POSTS, strict=False):
        branch = member.org
        MemberPost.objects.create(
            org=branch,
            org_path=branch.path,
            area_path=branch.area_path,
            kind=kind,
            name=name,
            holder=member.person,
            designated_on=date(2024, 3, 1),
        )


def _studio_ensure(b: Built) -> None:
    if not b.streets or SecretaryStudio.objects.filter(under("area_path", b.county.path)).exists():
        return
    street = b.streets[0]
    posts = (
        Post.objects.current()
        .filter(role=Role.SECRETARY)
        .filter(under("area_path", street.path) | under("party_org__area_path", street.path))
        .select_related("person")
        .order_by("area_path", "party_org__path", "id")
    )
    secretaries = list({post.person_id: post for post in posts}.values())[:4]
    if len(secretaries) < 2:
        return
    lead, *mentees = secretaries
    studio = SecretaryStudio.objects.create(
        name=f"{lead.person.name}书记工作室",
        lead=lead.person,
        area=street,
        area_path=street.path,
        founded_on=date(2023, 9, 1),
    )
    for post in mentees:
        StudioMentee.objects.create(
            studio=studio, mentee=post.person, area_path=street.path, since=date(2023, 9, 1)
        )


def party_work_ensure(b: Built) -> None:
    _chains_ensure(b)
    _member_posts_ensure(b)
    _studio_ensure(b)
