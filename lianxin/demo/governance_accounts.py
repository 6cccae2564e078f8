"""What issue 22's two demo accounts stand on, and their posts (in the world, so tests read the same posts):

- ``county_leader`` 高志远: 组长 of the county's urban party-building leading group
  (巨川县城市基层党建工作领导小组, a ``Department`` of kind leading_group at the county), who issues
  and follows key tasks and is the leading cadre (包保领导) of contact-duty projects. His post writes
  but sees no resident.
- ``reviewer`` 韩静: a reviewer (评议人) at the county, who reads the assessments and scores where seated.

Idempotent: what exists is found again; an account that holds a post already keeps it as it is.
"""

from datetime import date

from lianxin.areas.models import Area
from lianxin.people.models import Department, DepartmentKind, Post, User

LEADING_GROUP = "巨川县城市基层党建工作领导小组"
LEADING_GROUP_CODE = "leading_group"
SINCE = date(2024, 3, 1)


def leading_group_ensure(county: Area) -> Department:
    group = Department.objects.filter(area=county, code=LEADING_GROUP_CODE).first()
    if group is None:
        group = Department.objects.create(
            name=LEADING_GROUP,
            code=LEADING_GROUP_CODE,
            kind=DepartmentKind.LEADING_GROUP,
            area=county,
            area_path=county.path,
        )
    return group


def governance_accounts_place(county: Area) -> None:
    """The leading group and the two accounts' posts (for accounts holding none yet)."""
    from lianxin.assessment.permissions import REVIEWER
    from lianxin.supervision.permissions import GROUP_LEADER

    group = leading_group_ensure(county)
    plan = {
        "county_leader": Post(role=GROUP_LEADER, department=group, area_path=county.path, start_date=SINCE),
        "reviewer": Post(role=REVIEWER, area=county, area_path=county.path, start_date=SINCE),
    }
    users = User.objects.filter(username__in=plan, person__isnull=False).select_related("person")
    posts = []
    for user in users:
        if Post.objects.filter(person=user.person).exists():
            continue
        post = plan[user.username]
        post.person = user.person
        posts.append(post)
    Post.objects.bulk_create(posts)
