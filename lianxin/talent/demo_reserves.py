"""The reserves part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo). Idempotent: a row found by its name is
kept as it is.

- 梧桐里社区's 雏雁 (scenario 7): 陈思雨 born 1996, 刘浩然 1992, 孙明杰 1987, party members of the community;
- 刘浩然 a candidate for the community's secretary, 政治关 and 能力关 passed, 群众关 pending;
- 2026年“百优人才”培养计划 (the county, capacity 50): the three reserves as members, its first training
  class (two days, 8 hours a day) with attendance 2, 2 and 1 days.
"""

from datetime import date

from django.db import transaction

COMMUNITY = "梧桐里社区"
# (name, birth date, education, current role)
RESERVES = [
    ("陈思雨", date(1996, 5, 12), "bachelor", "社区网格员"),
    ("刘浩然", date(1992, 9, 3), "college", "社区居委会委员"),
    ("孙明杰", date(1987, 3, 21), "bachelor", "社区党委委员"),
]
CANDIDATE = "刘浩然"
GATES_PASSED = [
    ("political", "街道党工委组织委员 李红梅", date(2026, 3, 10)),
    ("ability", "街道党工委 王立新", date(2026, 3, 20)),
]
ADDED_ON = date(2025, 12, 1)
PROPOSED_ON = date(2026, 3, 1)
PROGRAMME = "2026年“百优人才”培养计划"
PROGRAMME_YEAR = 2026
PROGRAMME_CAPACITY = 50
SESSION = "“百优人才”第一期培训班"
SESSION_FROM, SESSION_TO = date(2026, 5, 16), date(2026, 5, 17)
HOURS_PER_DAY = 8
ATTENDED = [2, 2, 1]


def world_ensure(built) -> None:
    community = next((c for c in built.communities if c.name == COMMUNITY), None)
    if community is None:
        return
    with transaction.atomic():
        reserves = _reserves(community)
        _candidate(community, reserves)
        _programme(built.county, reserves)


def _party_org(community):
    from lianxin.volunteering.services.common import community_party_org

    return community_party_org(community)


def _reserves(community) -> list:
    from lianxin.party.models import Membership, MembershipKind
    from lianxin.people.models import Person
    from lianxin.talent.models import Reserve

    org = _party_org(community)
    found = []
    for name, born, education, role in RESERVES:
        reserve = (
            Reserve.objects.filter(area=community, person__name=name)
            .select_related("person")
            .order_by("id")
            .first()
        )
        if reserve is None:
            person = Person(name=name, birth_date=born)
            person.set_area(community)
            person.save()
            if org is not None:
                Membership.objects.create(
                    person=person,
                    org=org,
                    org_path=org.path,
                    area_path=person.area_path,
                    kind=MembershipKind.FULL,
                    is_home=True,
                    joined_on=date(born.year + 22, 7, 1),
                    start_date=date(born.year + 22, 7, 1),
                )
            reserve = Reserve.objects.create(
                area=community,
                person=person,
                birth_year=born.year,
                education=education,
                current_role=role,
                added_on=ADDED_ON,
            )
        found.append(reserve)
    return found


def _candidate(community, reserves) -> None:
    from lianxin.talent.models import Candidate, Gate, GateResult
    from lianxin.talent.models.reserves import GATE_ORDER

    reserve = next(r for r in reserves if r.person.name == CANDIDATE)
    if Candidate.objects.filter(area=community, person=reserve.person).exists():
        return
    candidate = Candidate.objects.create(
        area=community, person=reserve.person, reserve=reserve, proposed_on=PROPOSED_ON
    )
    passed = {kind: (reviewer, on) for kind, reviewer, on in GATES_PASSED}
    Gate.objects.bulk_create(
        [
            Gate(
                candidate=candidate,
                kind=kind,
                area_path=candidate.area_path,
                result=GateResult.PASSED if kind in passed else GateResult.PENDING,
                reviewer=passed[kind][0] if kind in passed else "",
                reviewed_on=passed[kind][1] if kind in passed else None,
            )
            for kind in GATE_ORDER
        ]
    )


def _programme(county, reserves) -> None:
    from lianxin.education.models import Enrolment, PlanKind, TrainingClass, TrainingPlan
    from lianxin.talent.models import Programme, ProgrammeKind, ProgrammeMember, ProgrammeSession

    if Programme.objects.filter(area=county, name=PROGRAMME, year=PROGRAMME_YEAR).exists():
        return
    plan = TrainingPlan.objects.create(
        area=county, kind=PlanKind.ANNUAL, title=PROGRAMME, year_from=PROGRAMME_YEAR, year_to=PROGRAMME_YEAR
    )
    programme = Programme.objects.create(
        area=county,
        kind=ProgrammeKind.HUNDRED_TALENTS,
        name=PROGRAMME,
        year=PROGRAMME_YEAR,
        capacity=PROGRAMME_CAPACITY,
        plan=plan,
    )
    klass = TrainingClass.objects.create(
        plan=plan,
        area=county,
        title=SESSION,
        starts_on=SESSION_FROM,
        ends_on=SESSION_TO,
        days=(SESSION_TO - SESSION_FROM).days + 1,
        capacity=PROGRAMME_CAPACITY,
    )
    ProgrammeSession.objects.create(programme=programme, training_class=klass, hours_per_day=HOURS_PER_DAY)
    for reserve, days in zip(reserves, ATTENDED, strict=True):
        ProgrammeMember.objects.create(programme=programme, person=reserve.person, joined_on=date(2026, 4, 1))
        Enrolment.objects.create(
            training_class=klass,
            person=reserve.person,
            enrolled_on=date(2026, 5, 1),
            days_attended=days,
            completed=days == klass.days,
        )


def demo_load() -> list[str]:
    from lianxin.talent.models import Programme, Reserve

    n = Reserve.objects.filter(area__name=COMMUNITY).count()
    if not n:
        return []
    return [f"雏雁库：{COMMUNITY}{n}人；人才计划{Programme.objects.count()}个"]
