"""The letters part's routes in the authorization matrix: letters, interviews, a unit's file, inspections
and findings, contact projects, and the alliances' chairs, policy lists and joint activities."""

from lianxin.core.access import ALL_ROLES, Rule, capable, everyone, holding, named

_TESTS = "lianxin/supervision/tests/test_letters_api.py (JSON body)"
# Who keeps or receives letters: the issuing side (task.issue) and the staff of the units they go to.
_LETTERS = capable("task.issue") | holding("department_staff", "property_staff")
# The county's alliance: the organisation department leads it, the member enterprise's contact reads it.
_ALLIANCE = named("county_admin", "enterprise_contact")


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


def _unit_missing(w):
    return {"kind": "department", "pk": 999999}


def _post(*names: str) -> Rule:
    return Rule(scoped=ALL_ROLES, kwargs=_missing(*names), method="POST")


ACCESS: dict = {
    # Pages (views/letters.py, inspections.py, projects.py; party/views/alliance_chairs.py).
    "supervision/letters/": Rule(allowed=_LETTERS),
    "supervision/letters/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "supervision/letters/<int:pk>/docx/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "supervision/letters/<int:pk>/acknowledge/": _post("pk"),
    "supervision/letters/<int:pk>/reply/": _post("pk"),
    "supervision/interviews/": Rule(allowed=_LETTERS),
    "supervision/interviews/<int:pk>/acknowledge/": _post("pk"),
    "supervision/units/<str:kind>/<int:pk>/file/": Rule(scoped=ALL_ROLES, kwargs=_unit_missing),
    "supervision/inspections/": Rule(allowed=_LETTERS),
    "supervision/inspections/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "supervision/findings/<int:pk>/close/": _post("pk"),
    # The issuing side opens the list (to create one); the staff of the levels, the groups' seats and the
    # departments' staff (lead units) read the projects of their scope (views.projects.PROJECT_ROLES).
    "supervision/contact-projects/": Rule(
        allowed=capable("task.issue") | holding("department_staff", "group_leader", "group_member")
    ),
    "supervision/contact-projects/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "supervision/alliance-chairs/": Rule(allowed=_ALLIANCE),
    "supervision/alliance-chairs/<int:pk>/policy-list/": _post("pk"),
    "supervision/alliance-chairs/<int:pk>/joint-activities/": _post("pk"),
    # API: lists answer each user what his scope holds (an empty list with zero counts otherwise).
    "api/v1/letters/": everyone(),
    "api/v1/letters/<letter_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("letter_id")),
    "api/v1/letters/<letter_id>/docx": Rule(scoped=ALL_ROLES, kwargs=_missing("letter_id")),
    "api/v1/letters/<letter_id>/acknowledge": _post("letter_id"),
    "api/v1/letters/<letter_id>/reply": Rule(skip=_TESTS),
    "api/v1/interviews/": everyone(),
    "api/v1/interviews/<interview_id>/acknowledge": _post("interview_id"),
    "api/v1/inspections/": everyone(),
    "api/v1/inspections/<inspection_id>/findings": Rule(skip=_TESTS),
    "api/v1/inspections/findings/<finding_id>/close": _post("finding_id"),
    "api/v1/contact-projects/": everyone(),
    "api/v1/contact-projects/problems": everyone(),
    "api/v1/contact-projects/<project_id>/problems": Rule(skip=_TESTS),
    "api/v1/contact-projects/<project_id>/visits": Rule(scoped=ALL_ROLES, kwargs=_missing("project_id")),
    "api/v1/alliance-chairs/": everyone(),
    "api/v1/policy-lists/": everyone(),
    "api/v1/joint-activities/": everyone(),
}
