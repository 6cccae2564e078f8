"""Readiness demo rows (idempotent): 梧桐里社区's flood plan with 张志强 in command, the
community's shock team (防汛抢险突击队, a party MemberPost) and its vanguard volunteer team
covering every estate but 盛世名邸 (so the plan shows as incomplete), and a drill three
evenings ago at 20:00 to the community's roster, most answering within the hour (the
live page's counts, curve and silent list)."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from lianxin.areas.models import Area, Level
from lianxin.cases import clock
from lianxin.core.paths import under
from lianxin.people.models import User
from lianxin.readiness import selectors, services
from lianxin.readiness.models import EmergencyPlan, MobilisationRecipient

PLAN_TITLE = "梧桐里社区防汛应急预案"
LEFT_UNCOVERED = "盛世名邸"


def demo_load() -> list[str]:
    secretary = (
        User.objects.filter(username="community_secretary", is_demo=True).select_related("person").first()
    )
    if secretary is None or secretary.person is None or secretary.person.area_id is None:
        return []
    community = Area.objects.get(pk=secretary.person.area_id)
    if community.level != Level.COMMUNITY:
        return []
    if EmergencyPlan.objects.filter(area=community, title=PLAN_TITLE).exists():
        return [f"应急预案：{PLAN_TITLE} 已存在。"]
    return _load(secretary, community)


@transaction.atomic
def _load(secretary, community) -> list[str]:
    from lianxin.party.models import MemberPost, MemberPostKind
    from lianxin.volunteering.models import VolunteerTeam

    plan = services.plan_create(
        secretary,
        area=community,
        title=PLAN_TITLE,
        commander=secretary.person,
        workflow="接警：社区值班室接收预警\n研判：书记召集两委研判险情\n集结：突击队、志愿队30分钟内到岗\n"
        "处置：转移群众、排涝、值守\n总结：复盘并更新名册",
    )
    estates = list(selectors.area_estates(community))
    covered = [e for e in estates if e.name != LEFT_UNCOVERED]
    half = len(covered) // 2 or 1
    shock = (
        MemberPost.objects.current()
        .filter(kind=MemberPostKind.SHOCK_TEAM)
        .filter(under("area_path", community.path))
        .first()
    ) or MemberPost.objects.current().filter(kind=MemberPostKind.SHOCK_TEAM).first()
    teams = []
    teams.append(
        services.plan_team_add(
            secretary,
            plan=plan,
            name="防汛抢险突击队",
            shock_team=shock,
            duties="排涝抢险、转移群众、值守重点部位",
            estates=covered[:half],
        )
    )
    vanguard = VolunteerTeam.objects.filter(area=community).order_by("pk").first()
    teams.append(
        services.plan_team_add(
            secretary,
            plan=plan,
            name="党员志愿服务队",
            volunteer_team=vanguard,
            duties="入户通知、物资发放、照顾老人",
            estates=covered[half:],
        )
    )
    # The drill three evenings ago at 20:00.
    day = timezone.localdate() - timedelta(days=3)
    start = timezone.make_aware(datetime.combine(day, time(20, 0)))
    clock.set_now(start)
    try:
        m = services.mobilisation_launch(
            secretary,
            area=community,
            kind="drill",
            title="防汛应急演练",
            place=f"{community.name}党群服务中心",
            plan=plan,
        )
        services.mobilisation_send_batches(m.pk)
        recipients = list(MobilisationRecipient.objects.filter(mobilisation=m).select_related("mobilisation"))
        answering = recipients[: max(1, len(recipients) * 9 // 10)]
        for n, r in enumerate(answering):
            # Most within half an hour, the rest within the hour and a half.
            minute = (
                (n * 29) // max(1, len(answering) * 3 // 4) + 1
                if n < len(answering) * 3 // 4
                else 31 + n % 55
            )
            clock.set_now(start + timedelta(minutes=minute, seconds=n % 50))
            services.recipient_answer(
                recipient=r, answer="standby" if n % 7 == 0 else ("unable" if n % 23 == 0 else "on_duty")
            )
    finally:
        clock.set_now(None)
    f = selectors.mobilisation_figures(m)
    gaps = selectors.plan_gaps(plan)
    return [
        f"应急预案：{PLAN_TITLE}，{len(teams)}支队伍，未覆盖小区 {len(gaps)} 个（{'、'.join(a.name for a in gaps)}）。",  # noqa: E501
        f"应急演练：动员 {f.called} 人，30分钟内 {f.share_30}%，60分钟内 {f.share_60}%，未响应 {f.silent_count} 人。",  # noqa: E501
    ]
