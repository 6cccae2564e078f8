"""Who may open the account and person routes (see lianxin.core.access)."""

from lianxin.core.access import ALL_ROLES, PUBLIC, Rule, capable, everyone

# Posts whose role serves residents and covers the resident of the small world (estate 0, building 1).
_SEE_RESIDENT = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain", "resident"}
)
_OPEN_NUMBERS = frozenset({"county_admin", "street_secretary", "community_secretary", "grid_worker"})


def _resident(w):
    return {"pk": w.cast.resident.person_id}


ACCESS = {
    "accounts/login/": everyone(anonymous=PUBLIC),  # signed in: sent on to the workbench
    "accounts/logout/": Rule(skip="POST only, ends the session: people/tests/test_login.py"),
    "accounts/password/": everyone(),
    "accounts/me/": everyone(),
    "accounts/me/data/": everyone(),
    "accounts/me/data/download/": everyone(),
    "accounts/me/data/correct/": Rule(
        method="POST",
        allowed=ALL_ROLES,
        data={"field": "other", "correction": ""},  # empty: 400
    ),
    "people/corrections/": everyone(),  # a list: requests about persons the user may change
    "people/corrections/<int:pk>/": Rule(method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "people/": everyone(),  # a list: each sees the persons of his scope (tests/test_scope.py)
    "people/<int:pk>/": Rule(allowed=_SEE_RESIDENT, scoped=ALL_ROLES - _SEE_RESIDENT, kwargs=_resident),
    "people/<int:pk>/reveal/": Rule(
        method="POST",
        data={"field": "mobile", "reason": ""},  # no reason: those allowed get 400, nothing is opened
        allowed=_OPEN_NUMBERS | {"resident"},
        scoped=ALL_ROLES - _SEE_RESIDENT,
        kwargs=_resident,
    ),
    "api/v1/persons/": everyone(),
    "api/v1/persons/landless": everyone(),  # a list: each sees the landless residents of his scope
    "api/v1/persons/<person_id>": Rule(
        allowed=_SEE_RESIDENT,
        scoped=ALL_ROLES - _SEE_RESIDENT,
        kwargs=lambda w: {"person_id": w.cast.resident.person_id},
    ),
    "api/v1/posts/": everyone(),
}


def _grid_post(w):
    from lianxin.people.models import Post

    return {"pk": Post.objects.filter(person=w.cast.grid_worker.person, role="grid_worker").first().pk}


# The organisation department and the secretaries over the estate (where they stand: by name; what they may:
# "post.appoint") edit the post's terms; its holder (the grid worker: nobody edits his own posts), the
# property company and read-only posts over it get 403.
_CHANGE_GRID_POST = frozenset({"county_admin", "street_secretary", "community_secretary"})
_WRITE_ESTATE_ONLY = frozenset({"grid_worker", "property_staff"})
ACCESS["people/posts/<int:pk>/edit/"] = Rule(
    allowed=capable("post.appoint") & _CHANGE_GRID_POST,
    scoped=ALL_ROLES - _CHANGE_GRID_POST - _WRITE_ESTATE_ONLY - {"courier", "volunteer"},
    kwargs=_grid_post,
)
# Linking an account to a person: the organisation department and secretaries over him; those who may change
# him otherwise get 403, those who do not see him 404. Empty form: 400, nothing linked.
ACCESS["people/<int:pk>/account/"] = Rule(
    method="POST",
    data={"username": ""},
    allowed=capable("account.link") & _CHANGE_GRID_POST,
    scoped=ALL_ROLES - _SEE_RESIDENT,
    kwargs=_resident,
)

ACCESS["people/landless/"] = everyone()  # a list: each sees the landless residents of his scope
# Recording a support needs write access to the person: read-only posts over him get 403.
ACCESS["people/<int:pk>/support/"] = Rule(
    method="POST",
    data={"kind": ""},  # no kind: those allowed get 400, nothing is recorded
    allowed=_SEE_RESIDENT - {"resident"},
    scoped=ALL_ROLES - _SEE_RESIDENT,
    kwargs=_resident,
)
