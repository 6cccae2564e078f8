from lianxin.core.access import ALL_ROLES, Rule, capable, everyone

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


# The pages by post (lianxin/cases/navigation.py), by capability (cases/rights.py): staff run the desktop
# queue ("case.dispatch"); workers and staff log visits ("case.work"); workers, couriers and staff take
# snapshots ("case.snapshot"); workers and department, company and provider staff have a to-do list
# ("case.handle").
_STAFF = capable("case.dispatch")
_WORKERS = capable("case.work")
_SNAPSHOT = capable("case.snapshot")
_HANDLERS = capable("case.handle")


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
    "cases/visits/list/": Rule(allowed=_STAFF),
    # Care visits (P003-22): recorded and counted by workers and staff, as the visits page.
    "cases/visits/care/": Rule(allowed=_WORKERS),
    "api/v1/care-visits/": Rule(allowed=_WORKERS),
    "cases/photos/": everyone(method="POST"),  # no file: 400
    "cases/<int:pk>/steps/<slug:name>/": Rule(
        allowed=_SEE_CASE, scoped=ALL_ROLES - _SEE_CASE, kwargs=_step, method="POST"
    ),
    "cases/<int:pk>/": Rule(allowed=_SEE_CASE, scoped=ALL_ROLES - _SEE_CASE, kwargs=_case),
    "cases/photos/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
    "cases/photos/<int:pk>/thumbnail/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
}


# -- the cases API (lianxin/cases/api.py) ------------------------------------------------------------------
def _api_case(w):
    return {"case_id": _case(w)["pk"]}


_STEP_TESTS = (
    "POST with a JSON body: every role outside the case's scope gets 404 and a reporter no staff step, in "
    "tests/api/test_cases_steps.py"
)
_API_STEPS = [
    "accept", "claim", "claim-withdraw", "comment", "dispatch", "escalate", "extend-decide", "extend-request",
    "handle", "mediate", "merge", "rate", "reject", "reopen", "respond", "return", "return-decide",
    "return-dispute", "supervise", "take", "verify", "whistle",
]  # fmt: skip

ACCESS.update(
    {
        "api/v1/cases/": Rule(allowed=ALL_ROLES),
        "api/v1/cases/batch": Rule(
            skip="POST only: workers, staff and external systems; a resident 403, in "
            "lianxin/cases/tests/test_api_batch.py"
        ),
        "api/v1/cases/<case_id>": Rule(allowed=_SEE_CASE, scoped=ALL_ROLES - _SEE_CASE, kwargs=_api_case),
        **{f"api/v1/cases/<case_id>/{step}": Rule(skip=_STEP_TESTS) for step in _API_STEPS},
        "api/v1/cases/photos": Rule(skip="multipart POST: tests/api/test_cases_report.py"),
        "api/v1/cases/photos/<photo_id>": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"photo_id": 999999}),
        "api/v1/cases/photos/<photo_id>/thumbnail": Rule(
            scoped=ALL_ROLES, kwargs=lambda w: {"photo_id": 999999}
        ),
        "api/v1/categories/": Rule(allowed=ALL_ROLES),
        "api/v1/categories/<category_id>": Rule(
            allowed=ALL_ROLES, kwargs=lambda w: {"category_id": _first_category()}
        ),
    }
)


def _first_category() -> int:
    from lianxin.cases.models import Category

    return Category.objects.filter(is_active=True).order_by("path").values_list("pk", flat=True).first()
