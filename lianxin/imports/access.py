from lianxin.core.access import ADMINS, ALL_ROLES, STAFF, Rule, everyone

# Posts that may change rows of their scope import; every post exports what it sees (numbers masked); the
# three administrators do neither.
_IMPORTERS = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "dept_staff"}
)
_EXPORTERS = STAFF - ADMINS

ACCESS = {
    "imports/": everyone(),
    "imports/templates/<slug:kind>.xlsx": everyone(kwargs=lambda w: {"kind": "persons"}),  # blank workbooks
    "imports/upload/": Rule(method="POST", allowed=_IMPORTERS),  # no file: 400, nothing written
    # A batch is its uploader's: nobody else may know it exists (imports/tests/test_import_scope.py).
    "imports/batches/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "imports/batches/<int:pk>/confirm/": Rule(method="POST", scoped=ALL_ROLES, kwargs=lambda w: {"pk": 0}),
    "imports/export/<slug:kind>.xlsx": Rule(allowed=_EXPORTERS, kwargs=lambda w: {"kind": "persons"}),
}
