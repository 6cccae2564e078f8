"""What the coops part's tests share: the demo cooperatives, a 财政局 scorer, collective incomes."""

from datetime import date
from decimal import Decimal

from lianxin.people.models import Department, Person, Post, User
from lianxin.rural.models import Cooperative


def jinyin() -> Cooperative:
    return Cooperative.objects.select_related("organisation", "village").get(
        organisation__name="金银花种植专业合作社"
    )


def lilou() -> Cooperative:
    return Cooperative.objects.select_related("organisation", "village").get(
        organisation__name="李楼村果蔬专业合作社"
    )


def finance_scorer(world) -> User:
    """A 巨川县财政局 cadre (department_staff at ``caizheng``)."""
    department = Department.objects.get(area=world.county, code="caizheng")
    person = Person(name="钱晓燕")
    person.set_area(world.county)
    person.save()
    Post.objects.create(
        person=person,
        role="department_staff",
        department=department,
        area_path=world.county.path,
        start_date=date(2023, 1, 1),
    )
    return User.objects.create(username="caizheng_staff", person=person)


def scorer_posts(world, cast) -> tuple:
    """组织部 (county_admin), 财政局 (a new cadre), 农业农村局 (周立新)."""
    return cast.county_admin, finance_scorer(world), cast.taskforce_head


def income_set(village, year: int, total: str) -> None:
    """The village's collective income for the year (all of it as operating income)."""
    from lianxin.rural.models import CollectiveIncome

    row = CollectiveIncome.objects.filter(area=village, year=year).first()
    if row is None:
        row = CollectiveIncome(area=village, year=year)
    for name in ("operating", "contracting", "investment", "subsidy", "other", "cooperative_gain"):
        setattr(row, name, Decimal(0))
    row.operating = Decimal(total)
    row.save()
    assert row.total == Decimal(total)
