"""The housing bureau branch's member in the demo community (issue 21, scenario 2's 刘建军), so the demo
unit_contact finds his unit's members' service and points: a member of 中共巨川县住建局支部委员会 living at
和谐家园, who reported to 梧桐里社区 as an employed member (approved: his volunteer post and the non-home
membership), joined its vanguard team, answered its call-out on duty, and did the real loop of scenario 2:
he claimed 李桂兰's wish 孙女的书包, fulfilled it and she confirmed it (LIANXIN_POINTS_PER_WISH, 20), and
he took the 4th of 4 places on 楼道杂物清理 (2 hours) beside three neighbours (the demo's
accounts of the community, else residents of 和谐家园), which the community accepted (2 ×
LIANXIN_POINTS_PER_HOUR, 20 each: 40 in all). Then he redeemed 大米 (30) at 惠邻超市 (balance 10, stock 2),
waiting for the shop_staff to confirm his code. So his points, the cases' claims and the unit page's
完成服务 2 / 获得积分 40 come from the same cases.
Written through the services; his and 李桂兰's accounts are inactive and have no password (nobody signs in
as them). Idempotent: once he has registered, a rerun adds nothing.
"""

from datetime import date

from django.db import transaction

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Case, Category, State
from lianxin.cases.services import (
    case_claim,
    case_dispatch,
    case_handle,
    case_report,
    case_take,
    case_verify,
)
from lianxin.core.scope import under
from lianxin.demo.service_accounts import UNIT_ORG
from lianxin.party.models import Field, Membership, MembershipKind, PartyOrg
from lianxin.people.models import Person, User
from lianxin.points.models import Reward
from lianxin.points.services import reward_redeem
from lianxin.volunteering import services
from lianxin.volunteering.models import Callout, VolunteerRegistration, VolunteerTeam
from lianxin.volunteering.services.wishes import (
    wish_assign,
    wish_claim,
    wish_confirm,
    wish_file,
    wish_fulfil,
    wish_screen,
)
from lianxin.volunteering.wishes import PROJECT_ROOT, has_reported, wish_categories_ensure

MEMBER = "刘建军"
USERNAME = "demo_liujianjun"
HOME_ESTATE = "和谐家园"
WISHER = ("李桂兰", "demo_liguilan")
WISH = ("wish_goods", "孙女的书包：孙女上小学三年级，书包背带断了", "demo-unit-member-wish")
PROJECT_TEXT = "楼道杂物清理"
PROJECT_AGAIN = "楼道杂物清理：清理4至6号楼楼道堆放的杂物，消除消防隐患"
REWARD = "大米"  # lianxin.demo.points.REWARDS: 30 points, stock 3
# The project's other three claimers (demo accounts of the community), registered here if they have not
# reported yet; 刘建军 takes the 4th place, so the volunteer 徐晓燕 finds it full.
CO_CLAIMERS = ("building_captain", "courier", "liaison", "property_staff")
NEIGHBOURS = [("王秀英", "demo_wangxiuying"), ("张志强", "demo_zhangzhiqiang"), ("李明华", "demo_liminghua")]


def _inactive_user(name: str, username: str, home: Area) -> User:
    """A person of the estate with an inactive demo account (no password), made once."""
    user = User.objects.filter(username=username).select_related("person").first()
    if user is not None:
        return user
    person = Person(name=name)
    person.set_area(home)
    person.save()
    user = User(username=username, person=person, is_active=False, is_demo=True)
    user.set_unusable_password()
    user.save()
    return user


def _acting(user: User) -> User:
    """The inactive account as the demo acts for it here: active in memory only (scope grants nothing to an
    inactive account), so its steps pass the same scope and rules as a signed-in user's; saved inactive."""
    user.is_active = True
    return user


def _wish_loop(member: User, secretary: User, home: Area) -> None:
    """李桂兰 files 孙女的书包, the community screens it; 刘建军 claims, is handed and fulfils it; she
    confirms it."""
    wisher = _acting(_inactive_user(*WISHER, home))
    code, text, key = WISH
    wish = wish_file(wisher, category=Category.objects.get(code=code), description=text, idempotency_key=key)
    wish_screen(secretary, case=wish, accept=True, idempotency_key=f"{key}-screen")
    wish_claim(member, case=Case.objects.get(pk=wish.pk), idempotency_key=f"{key}-claim")
    wish_assign(secretary, case=Case.objects.get(pk=wish.pk), idempotency_key=f"{key}-assign")
    wish_fulfil(
        member, case=Case.objects.get(pk=wish.pk), note="书包已送到李桂兰家", idempotency_key=f"{key}-fulfil"
    )
    wish_confirm(wisher, case=Case.objects.get(pk=wish.pk), idempotency_key=f"{key}-confirm")


def _project_loop(member: User, secretary: User, community: Area) -> None:
    """Three of the community's accounts and 刘建军 fill 楼道杂物清理's 4 places; the grid worker handles it
    and the community accepts it, which pays each claimer its hours."""
    project = (
        Case.objects.filter(
            category__code=PROJECT_ROOT,
            description__startswith=PROJECT_TEXT,
            state__in=[State.REPORTED, State.ACCEPTED],
        )
        .filter(under("area_path", community.path))
        .order_by("id")
        .first()
    )
    grid_worker = User.objects.filter(username="grid_worker").select_related("person").first()
    if project is None or grid_worker is None or project.claim_capacity is None:
        return
    others = [
        u
        for u in User.objects.filter(username__in=CO_CLAIMERS, person__isnull=False)
        .filter(under("person__area_path", community.path))
        .select_related("person")
    ]
    others.sort(key=lambda u: CO_CLAIMERS.index(u.username))
    # Where the world's accounts of the community are fewer than three, residents of 和谐家园 with inactive
    # accounts make up the number.
    home = Area.objects.get(pk=member.person.area_id)
    others += [_acting(_inactive_user(name, username, home)) for name, username in NEIGHBOURS]
    _fill(project, member, others, secretary, "demo-project-claim")
    case_dispatch(secretary, case=project, person=grid_worker.person, idempotency_key="demo-project-dispatch")
    project.refresh_from_db()
    case_take(grid_worker, case=project, idempotency_key="demo-project-take")
    project.refresh_from_db()
    case_handle(grid_worker, case=project, note="四位志愿者清理了楼道杂物", idempotency_key="demo-handle")
    project.refresh_from_db()
    case_verify(secretary, case=project, passed=True, idempotency_key="demo-project-verify")
    # The next round, for 4 to 6号楼, filled by the same four and not started: the volunteer 徐晓燕 who tries
    # to claim it is told 409 名额已满 (the accepted one above is closed and no longer listed).
    again = case_report(
        secretary,
        category=project.category,
        area=project.area,
        description=PROJECT_AGAIN,
        extra={"hours": 2},
        claim_capacity=4,
        idempotency_key="demo-project-corridors-again",
    )
    _fill(again, member, others, secretary, "demo-project-again-claim")


def _fill(project: Case, member: User, others: list[User], secretary: User, key: str) -> None:
    """The others take all places but one (registered and approved first if they have not reported), then
    刘建军 takes the last."""
    for user in others:
        if project.claim_count >= project.claim_capacity - 1:
            break
        if not has_reported(user.person_id):
            registration = services.volunteer_register(user, kind="resident", skills="打扫卫生")
            services.volunteer_registration_approve(secretary, registration=registration)
        case_claim(user, case=project, idempotency_key=f"{key}-{user.username}")
        project.refresh_from_db()
    case_claim(member, case=project, idempotency_key=f"{key}-member")
    project.refresh_from_db()


@transaction.atomic
def unit_member_demo_ensure() -> int:
    """Returns 1 when the member was added now, else 0."""
    unit = PartyOrg.objects.filter(name=UNIT_ORG, field=Field.ORGAN).order_by("path").first()
    secretary = User.objects.filter(username="community_secretary").select_related("person").first()
    if unit is None or secretary is None or not secretary.person or not secretary.person.area_id:
        return 0
    if VolunteerRegistration.objects.filter(person__name=MEMBER, person__user__username=USERNAME).exists():
        return 0
    community = Area.objects.get(pk=secretary.person.area_id)
    estates = Area.objects.filter(under("path", community.path), level=Level.ESTATE).order_by("path")
    home = estates.filter(name=HOME_ESTATE).first() or estates.first()
    if home is None:
        return 0
    user = _acting(_inactive_user(MEMBER, USERNAME, home))
    person = user.person
    Membership.objects.create(
        person=person,
        org=unit,
        org_path=unit.path,
        area_path=person.area_path,
        kind=MembershipKind.FULL,
        start_date=date(2012, 7, 1),
    )
    registration = services.volunteer_register(user, kind="member", skills="水电维修、政策宣讲")
    services.volunteer_registration_approve(secretary, registration=registration)
    team = VolunteerTeam.objects.filter(area=community, kind="vanguard").order_by("id").first()
    if team is not None:
        services.team_member_add(secretary, team=team, person=person)
        callout = Callout.objects.filter(team=team).order_by("id").first()
        if callout is not None:
            services.callout_answer(user, callout=callout, answer="on_duty")
    wish_categories_ensure()
    _wish_loop(user, secretary, home)
    _project_loop(user, secretary, community)
    rice = Reward.objects.filter(name=REWARD, stock__gt=0).order_by("id").first()
    if rice is not None:
        reward_redeem(user, reward=rice, key="demo-unit-member-rice")
    return 1
