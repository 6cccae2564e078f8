"""What the scoring tests share: households with an account each, the companies of scenario 2, a scheme."""

from datetime import date
from itertools import count

from lianxin.areas.models import Area, Household, Level
from lianxin.assessment.models import Source, SubjectKind
from lianxin.assessment.services.scoring import scheme_create
from lianxin.core.paths import under
from lianxin.people.models import EstateService, Organisation, OrganisationKind, Person, User

_numbers = count(1)

WANJIA = "万家物业服务有限公司"
CHENGTOU = "巨川县城投物业有限公司"


def households_with_accounts(estate: Area, n: int) -> list[User]:
    """``n`` new households in the estate's first unit, each with a resident who has an account."""
    unit = (
        Area.objects.filter(under("path", estate.path), level=Level.UNIT).order_by("path").first() or estate
    )
    users = []
    for _ in range(n):
        i = next(_numbers)
        household = Household.objects.create(area=unit, address=f"测试户{i}")
        person = Person(name=f"住户{i}", household=household)
        person.set_area(unit)
        person.save()
        users.append(User.objects.create(username=f"household{i}", person=person))
    return users


def company(name: str) -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.PROPERTY_COMPANY, name=name)


def serve(estate: Area, company: Organisation, start=date(2024, 1, 1)) -> EstateService:
    """Make ``company`` the only one serving ``estate`` (since ``start``)."""
    EstateService.objects.filter(estate=estate).delete()
    return EstateService.objects.create(company=company, estate=estate, service_start=start, fee_start=start)


def company_scheme(actor, community: Area, *, weights=(50, 30, 20), third_source=Source.MARK, function=""):
    indicators = [
        {"name": "社区党委评价", "weight": weights[0], "source": Source.MARK},
        {"name": "居民满意度", "weight": weights[1], "source": Source.SURVEY},
        {"name": "街道评价", "weight": weights[2], "source": third_source, "function": function},
    ]
    return scheme_create(
        actor,
        name=f"{community.name}2026年度物业企业考核",
        subject_kind=SubjectKind.PROPERTY_COMPANY,
        area=community,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        entry_opens=date(2026, 11, 1),
        entry_closes=date(2027, 1, 29),
        indicators=indicators,
    )
