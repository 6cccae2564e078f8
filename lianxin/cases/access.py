from lianxin.core.access import ALL_ROLES, Rule

# The demo resident's case: reported in the building captain's building (see _case), so it is seen by the
# levels above that building and by the captain it was dispatched to.
_SEE_CASE = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain", "resident"}
)


def _case(w):
    from lianxin.cases.models import Case
    from lianxin.cases.services import case_report
    from lianxin.people.models import Post
    from lianxin.people.roles import Role
    from tests.cases_world import category

    case = Case.objects.filter(reporter=w.cast.resident.person).first()
    if case is None:
        building = Post.objects.get(person=w.cast.building_captain.person, role=Role.BUILDING_CAPTAIN).area
        case = case_report(
            w.cast.resident, category=category("stair_light"), area=building, description="楼道灯不亮"
        )
    return {"pk": case.pk}


ACCESS = {
    "cases/<int:pk>/": Rule(allowed=_SEE_CASE, scoped=ALL_ROLES - _SEE_CASE, kwargs=_case),
    "cases/photos/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
    "cases/photos/<int:pk>/thumbnail/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
}
