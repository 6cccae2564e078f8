"""Household visits of the demo's workers (拉呱、串门、调解、帮办, P000-31), so that the visits panel, the
visits list and its export have something to count.

Each visit is logged through the real service as the worker himself, to households of his own scope: a
调解 opens a dispute case and a 帮办 a case he handles, as on the visits page. Chats and calls spread over
the last eleven weeks; the visits that open a case are of the last week (their cases are still being
worked on). Keys make a rerun add nothing, and a visit or case a user has changed since is left alone.
"""

import random
from datetime import timedelta

from django.utils import timezone

from lianxin.areas.models import Household
from lianxin.cases import clock
from lianxin.cases.models import Category, VisitKind
from lianxin.cases.services import visit_record
from lianxin.people.models import User

# username: how many visits (the grid worker visits most; the secretary least).
VISITORS = {"grid_worker": 36, "liaison": 16, "building_captain": 14, "community_secretary": 10}
KINDS = [
    (VisitKind.CHAT, 40),
    (VisitKind.CALL_ROUND, 35),
    (VisitKind.ERRAND, 15),
    (VisitKind.MEDIATION, 10),
]
NOTES = {
    VisitKind.CHAT: ["拉家常，了解老人身体和生活情况", "聊聊小区近况", "了解孩子上学"],
    VisitKind.CALL_ROUND: ["走访入户，核对家庭人口信息", "宣传防诈骗知识", "了解取暖和用电安全"],
    VisitKind.ERRAND: ["代老人申请临时救助，收齐材料", "帮办高龄补贴申请", "代办残疾人两项补贴材料"],
    VisitKind.MEDIATION: ["楼上楼下漏水纠纷，上门调解", "邻里占用楼道争执，现场调解", "噪音扰民，约双方协商"],
}
ERRAND_CATEGORIES = ["subsistence", "elderly_care"]
MEDIATION_CATEGORIES = ["neighbour_dispute", "property_dispute"]


def demo_visits_load() -> int:
    """Log the demo workers' visits; returns how many visits exist for their keys (a rerun adds none)."""
    codes = ERRAND_CATEGORIES + MEDIATION_CATEGORIES
    categories = {c.code: c for c in Category.objects.filter(code__in=codes)}
    today = timezone.localtime(clock.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    logged = 0
    for username, count in VISITORS.items():
        user = User.objects.filter(username=username).select_related("person").first()
        if user is None or not user.person_id:
            continue
        households = list(Household.objects.restrict(user).order_by("area_path", "id")[:400])
        if not households:
            continue
        # The same visits on every machine and rerun (not security: a demo's sample).
        rng = random.Random(f"demo-visits-{username}")  # noqa: S311  # nosec B311 - demo data
        for i in range(count):
            kind = rng.choices([k for k, _w in KINDS], weights=[w for _k, w in KINDS])[0]
            opens_case = kind in (VisitKind.ERRAND, VisitKind.MEDIATION)
            days_ago = rng.randint(1, 7) if opens_case else rng.randint(1, 77)
            at = today - timedelta(days=days_ago) + timedelta(hours=rng.choice([9, 10, 15, 16, 19]))
            codes = MEDIATION_CATEGORIES if kind == VisitKind.MEDIATION else ERRAND_CATEGORIES
            category = categories.get(rng.choice(codes)) if opens_case else None
            if opens_case and category is None:
                kind, category = VisitKind.CALL_ROUND, None
            household = rng.choice(households)
            # The case opened is reported at the visit's time, not at the loading's.
            clock.set_now(at)
            try:
                visit_record(
                    user,
                    kind=kind,
                    household=household,
                    note=rng.choice(NOTES[kind]),
                    attendees=rng.randint(1, 3),
                    category=category,
                    at=at,
                    idempotency_key=f"demo-visit-{username}-{i}",
                )
            finally:
                clock.set_now(None)
            logged += 1
    return logged
