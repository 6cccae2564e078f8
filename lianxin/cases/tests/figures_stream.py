"""Random streams of steps through the case services, for the roll-up tests: whatever happens to the
cases, the roll-up must keep saying what a direct count of the case table says."""

import random

from lianxin.cases import services
from lianxin.cases.models import Case, Kind, Rating
from lianxin.core.errors_domain import DomainError
from tests.cases_world import category

CATEGORIES = ["stair_light", "water_leak", "cleaning", "parking", "road_damage", "garbage", "subsistence"]
# Who may try a step: the services say who may actually take it (a refusal is just skipped).
ACTORS = [
    "building_captain",
    "grid_worker",
    "property_staff",
    "community_secretary",
    "street_secretary",
    "dept_staff",
    "county_admin",
    "resident",
    "courier",
]


# The steps that move a case on from each state, tried most of the time so that cases reach the end.
NEXT = {
    "reported": ("accept", "take", "dispatch"),
    "accepted": ("dispatch", "take"),
    "dispatched": ("take",),
    "in_progress": ("handle",),
    "handled": ("verify", "rate"),
    "verified": ("rate",),
}


def _report(rng, cast, places):
    reporter, area = rng.choice(
        [
            ("resident", places.building),
            ("resident", places.building),
            ("grid_worker", places.estate),
            ("courier", places.other_estate),
            ("community_secretary", places.other_estate),
        ]
    )
    return services.case_report(
        cast[reporter],
        category=category(rng.choice(CATEGORIES)),
        area=area,
        description="随机测试诉求",
    )


def _steps(rng, case, others):
    rating = rng.choice([Rating.SATISFIED, Rating.BASIC, Rating.UNSATISFIED])
    outcome = {"outcome": "mediated"} if case.kind == Kind.DISPUTE else {}
    steps = [
        ("accept", lambda a: services.case_accept(a, case=case)),
        ("take", lambda a: services.case_take(a, case=case)),
        ("take", lambda a: services.case_take(a, case=case)),
        ("dispatch", lambda a: services.case_dispatch(a, case=case, auto=True)),
        ("handle", lambda a: services.case_handle(a, case=case, note="已处理", **outcome)),
        ("handle", lambda a: services.case_handle(a, case=case, note="已处理", **outcome)),
        ("verify", lambda a: services.case_verify(a, case=case, passed=rng.random() < 0.8, note="仍有问题")),
        ("rate", lambda a: services.case_rate(a, case=case, rating=rating, note="还是不行")),
        ("rate", lambda a: services.case_rate(a, case=case, rating=rating, note="还是不行")),
        ("escalate", lambda a: services.case_escalate(a, case=case, note="需要上级处理")),
        ("return", lambda a: services.case_return(a, case=case, reason="不归我们管")),
        ("reject", lambda a: services.case_reject(a, case=case, reason="不属于受理范围")),
        ("reopen", lambda a: services.case_reopen(a, case=case, reason="问题又出现了")),
        ("extend", lambda a: services.case_extend_request(a, case=case, days=1, reason="需要采购材料")),
        (
            "extend_decide",
            lambda a: services.case_extend_decide(a, case=case, approve=rng.random() < 0.7, note="不同意"),
        ),
        ("supervise", lambda a: services.case_supervise(a, case=case, note="请尽快办理")),
    ]
    if others and rng.random() < 0.05:
        into = rng.choice(others)
        steps.append(("merge", lambda a: services.case_merge(a, case=case, into=into)))
    return steps


def stream_run(*, rng: random.Random, cast, places, clock, steps: int = 60) -> list[int]:
    """Report cases and push them through random steps, with the clock moving on; returns the case ids."""
    pks = []
    for _ in range(steps):
        roll = rng.random()
        if roll < 0.2 or not pks:
            pks.append(_report(rng, cast, places).pk)
        elif roll < 0.27:
            services.cases_mark_overdue()
            services.cases_auto_rate()
        else:
            case = Case.objects.get(pk=rng.choice(pks))
            others = [pk for pk in pks if pk != case.pk]
            others = list(Case.objects.filter(pk__in=others[-5:]))
            steps_ = _steps(rng, case, others)
            forward = [s for s in steps_ if s[0] in NEXT.get(case.state, ())]
            _name, step = rng.choice(forward if forward and rng.random() < 0.75 else steps_)
            for username in rng.sample(ACTORS, len(ACTORS)):
                try:
                    step(cast[username])
                    break
                except DomainError:
                    continue
        clock.advance(minutes=rng.choice([5, 10, 30, 90, 240, 60 * 20, 60 * 24 * 3]))
    return pks
