from lianxin.core.access import ADMINS, ALL_ROLES, STAFF, Rule, capable, everyone

# Posts that may change rows of their scope and see full numbers import ("imports.run"); every post exports
# what it sees (numbers masked); the three administrators do neither.
_IMPORTERS = capable("imports.run")
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


def _building(w):
    from lianxin.areas.models import Area, Level
    from lianxin.core.scope import under

    buildings = Area.objects.filter(under("path", w.world.estates[0].path), level=Level.BUILDING)
    return buildings.order_by("path")[0]


def _captain_row(w):
    """A new person with a building captain's post over a building of estate 0."""
    from lianxin.people.roles import Role

    building = _building(w)
    return [
        {"name": "矩阵楼长", "area_code": building.code, "role": str(Role.BUILDING_CAPTAIN.label),
         "post_area_code": building.code}
    ]  # fmt: skip


def _org_admin_row(w):
    """A post the import never gives, whoever imports (issue 18 finding 3)."""
    from lianxin.people.roles import Role

    building = _building(w)
    return [
        {"name": "矩阵组织部", "area_code": building.code, "role": str(Role.ORG_ADMIN.label),
         "post_area_code": w.world.estates[0].code}
    ]  # fmt: skip


def _courier_outside_row(w):
    """A person already recorded in the second street, named by his ID number: only the posts over him
    (the county's) may change him; everyone else's row is refused with its reason (issue 18 finding 3)."""
    from lianxin.core.scope import under
    from lianxin.people.models import Person

    person = (
        Person.objects.filter(under("area_path", w.world.streets[1].path))
        .exclude(id_number_index="")
        .order_by("id")
        .first()
    )
    return [{"name": person.name, "id_number": person.id_number, "depot": "矩阵网点"}]


def _county_fact_row(w):
    return [{"area_code": w.world.county.code, "fact": "城区规划面积", "year": "2024", "value": "57"}]


# Import kinds × roles, for tests/test_authorization_matrix.py: ``kwargs(w)`` gives the file's rows (none: a
# file with the header only). ALLOWED: every row passes the preview; SCOPED: the importer's rows are refused
# with their reasons (what the row writes goes through the same service and rights check as the pages and the
# API); FORBIDDEN: the role may not import at all. Keyed by kind; "persons:…" are further files of a kind.
_APPOINTERS_OVER_ESTATE = frozenset({"county_admin", "street_secretary", "community_secretary"})
IMPORTS = {
    "areas": Rule(allowed=_IMPORTERS),
    "households": Rule(allowed=_IMPORTERS),
    "persons": Rule(allowed=_IMPORTERS),
    "members": Rule(allowed=_IMPORTERS),
    "couriers": Rule(allowed=_IMPORTERS),
    "area_facts": Rule(allowed=_IMPORTERS),
    # Registered by other apps (lianxin/imports/registry.py): a header-only file, as the couriers'; their rows
    # are tested in lianxin/imports/tests/test_registered_specs.py.
    "service_items": Rule(allowed=_IMPORTERS),
    "volunteers": Rule(allowed=_IMPORTERS),
    "collective_incomes": Rule(allowed=_IMPORTERS),  # rural (issue 23): collective incomes
    "cooperative_finances": Rule(allowed=_IMPORTERS),  # rural (issue 23): cooperatives' financial summaries
    "talents": Rule(allowed=_IMPORTERS),  # talent (issue 23): the talent pool
    # A county's yearly fact: recorded by the county's own posts only, through area_fact_record's check.
    "area_facts:county": Rule(
        allowed=frozenset({"county_admin"}), scoped=_IMPORTERS - {"county_admin"}, kwargs=_county_fact_row
    ),
    "couriers:outside": Rule(
        allowed=frozenset({"county_admin"}), scoped=_IMPORTERS - {"county_admin"}, kwargs=_courier_outside_row
    ),
    "persons:captain": Rule(
        allowed=_APPOINTERS_OVER_ESTATE, scoped=_IMPORTERS - _APPOINTERS_OVER_ESTATE, kwargs=_captain_row
    ),
    "persons:org_admin": Rule(scoped=_IMPORTERS, kwargs=_org_admin_row),
}
