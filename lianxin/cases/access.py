from lianxin.core.access import ALL_ROLES, Rule, everyone

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


# The pages by post (lianxin/cases/navigation.py): staff run the desktop queue; workers, couriers and staff
# take snapshots; workers and department, company and provider staff have a to-do list; workers log visits.
_STAFF = frozenset({"county_admin", "street_secretary", "community_secretary"})
_WORKERS = _STAFF | {"grid_worker", "building_captain", "liaison"}
_SNAPSHOT = _WORKERS | {"courier"}
_HANDLERS = _WORKERS | {"dept_staff", "property_staff", "provider_staff"}


def _step(w):
    # The matrix posts an empty comment: refused as invalid (400) by whoever sees the case, nothing written.
    return {**_case(w), "name": "comment"}


ACCESS = {
    "cases/": Rule(allowed=_STAFF),
    "cases/dispatch/": Rule(allowed=_STAFF, method="POST"),  # nothing selected: 400
    "cases/report/": everyone(),
    "cases/report/fields/": everyone(),
    "cases/snapshot/": Rule(allowed=_SNAPSHOT),
    "cases/mine/": everyone(),
    "cases/todo/": Rule(allowed=_HANDLERS),
    "cases/visits/": Rule(allowed=_WORKERS),
    "cases/photos/": everyone(method="POST"),  # no file: 400
    "cases/<int:pk>/steps/<slug:name>/": Rule(
        allowed=_SEE_CASE, scoped=ALL_ROLES - _SEE_CASE, kwargs=_step, method="POST"
    ),
    "cases/<int:pk>/": Rule(allowed=_SEE_CASE, scoped=ALL_ROLES - _SEE_CASE, kwargs=_case),
    "cases/photos/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
    "cases/photos/<int:pk>/thumbnail/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
}
