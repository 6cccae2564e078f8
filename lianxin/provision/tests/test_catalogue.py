"""The service catalogue: seeded items in their top categories and mechanisms, the staff page with its
counts, the county's edit form and the API."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.cases.models import Category
from lianxin.core.errors_domain import DomainError
from lianxin.provision.models import Mechanism, ServiceItem
from lianxin.provision.seeds import CATALOGUE, catalogue_ensure
from lianxin.provision.services import materials_parse, service_item_update

pytestmark = pytest.mark.django_db


def test_every_seeded_item_is_a_service_order_category_under_its_top_category(world, item):
    catalogue_ensure()
    assert catalogue_ensure() == 0, "a second run adds nothing"
    for top_code, top_name, entries in CATALOGUE:
        top = Category.objects.get(code=top_code)
        assert top.depth == 1 and top.kind == "service_order" and top.name == top_name
        for code, name, mechanism, *_rest in entries:
            found = item(code)
            assert found.category.depth == 2 and found.category.path.startswith(top.path)
            assert found.category.kind == "service_order" and found.name == name
            assert found.mechanism == mechanism
    allowance = item("svc_old_age_allowance")
    assert allowance.materials == ["身份证", "户口簿", "银行卡"]
    assert allowance.at_cluster_centres
    assert {i.mechanism for i in ServiceItem.objects.all()} == set(Mechanism.values)


def test_the_tree_stays_valid_for_treebeard(world):
    catalogue_ensure()
    top = Category.objects.get(code="svc_elderly")
    children = Category.objects.get_children(top)
    assert [c.code for c in children][:2] == ["svc_meal_aid", "svc_day_care"]
    assert top.numchild == children.count()
    assert Category.objects.find_problems() == ([], [], [], [], [])


def test_materials_are_parsed_from_one_line():
    assert materials_parse("身份证、户口簿，银行卡\n身份证") == ["身份证", "户口簿", "银行卡"]


def test_the_catalogue_page_counts_items_by_mechanism(client_as, world, item):
    catalogue_ensure()
    page = client_as("grid_worker").get("/provision/catalogue/")
    assert page.status_code == 200
    html = page.content.decode()
    total = ServiceItem.objects.filter(category__is_active=True).count()
    assert f'data-testid="item-count">{total}<' in html
    volunteer = ServiceItem.objects.filter(mechanism="volunteer").count()
    assert f'data-testid="mechanism-volunteer">{volunteer}<' in html
    filtered = client_as("grid_worker").get("/provision/catalogue/?mechanism=volunteer")
    assert f'data-testid="item-count">{volunteer}<' in filtered.content.decode()
    assert "高龄津贴" not in filtered.content.decode()


def test_a_resident_has_no_catalogue_page_but_reads_the_api(client_as, world):
    catalogue_ensure()
    assert client_as("resident").get("/provision/catalogue/").status_code == 403
    answer = client_as("resident").get("/api/v1/service-items/?mechanism=party_government&limit=200")
    assert answer.status_code == 200
    names = {i["name"]: i for i in answer.json()["items"]}
    assert names["高龄津贴"]["materials"] == ["身份证", "户口簿", "银行卡"]
    assert names["高龄津贴"]["top_category"] == "为老服务"
    assert "爱心助餐" not in names


def test_the_county_edits_an_item_and_it_is_audited(client_as, world, item):
    catalogue_ensure()
    allowance = item("svc_old_age_allowance")
    before = AuditRecord.objects.count()
    answer = client_as("county_admin").post(
        f"/provision/catalogue/{allowance.pk}/edit/",
        {
            "mechanism": "party_government",
            "target_groups": ["elderly", "needy"],
            "materials": "身份证、户口簿、银行卡、居住证明",
            "points_price": "0",
            "at_cluster_centres": "on",
        },
    )
    assert answer.status_code == 302
    allowance.refresh_from_db()
    assert allowance.materials == ["身份证", "户口簿", "银行卡", "居住证明"]
    assert allowance.target_groups == ["elderly", "needy"]
    assert AuditRecord.objects.count() > before


def test_a_street_secretary_may_not_edit_the_county_catalogue(client_as, world, item):
    catalogue_ensure()
    allowance = item("svc_old_age_allowance")
    assert client_as("street_secretary").get(f"/provision/catalogue/{allowance.pk}/edit/").status_code == 403
    answer = client_as("street_secretary").patch(
        f"/api/v1/service-items/{allowance.pk}", {"points_price": 5}, content_type="application/json"
    )
    assert answer.status_code == 403
    assert "县" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"mechanism": "charity"}, "mechanism"),
        ({"target_groups": ["pets"]}, "target_groups"),
        ({"materials": ["身份证", "身份证"]}, "materials"),
        ({"materials": ["长" * 51]}, "materials"),
    ],
)
def test_bad_changes_are_refused_in_chinese(cast, world, item, change, field):
    catalogue_ensure()
    allowance = item("svc_old_age_allowance")
    with pytest.raises(DomainError) as refused:
        service_item_update(cast.county_admin, item=allowance, **change)
    assert refused.value.field == field
    allowance.refresh_from_db()
    assert allowance.materials == ["身份证", "户口簿", "银行卡"]


def test_the_api_changes_an_item_and_refuses_a_bad_one_with_a_400(client_as, world, item):
    catalogue_ensure()
    meal = item("svc_meal_aid")
    client = client_as("county_admin")
    answer = client.patch(
        f"/api/v1/service-items/{meal.pk}", {"points_price": 12}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["points_price"] == 12
    bad = client.patch(
        f"/api/v1/service-items/{meal.pk}", {"mechanism": "charity"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "mechanism" in bad.json()["error"]["fields"]
    assert client.get("/api/v1/service-items/999999").status_code == 404
    assert client.get("/api/v1/service-items/?target_group=pets").status_code == 400


def test_the_edit_form_shows_the_item_as_it_is(client_as, world, item):
    catalogue_ensure()
    page = client_as("county_admin").get(f"/provision/catalogue/{item('svc_old_age_allowance').pk}/edit/")
    assert page.status_code == 200
    assert "身份证、户口簿、银行卡" in page.content.decode()


def test_the_catalogue_export_counts_as_the_page_and_the_api(client_as, world):
    """P004-21, P002-46: the catalogue's Excel export lists the page's items and counts them by mechanism
    as the page does, and /api/v1/service-items/ returns as many."""
    import io

    from openpyxl import load_workbook

    client = client_as("grid_worker")
    page = client.get("/provision/catalogue/?mechanism=party_government").content.decode()
    answer = client.get("/provision/catalogue/?mechanism=party_government&format=xlsx")
    assert answer.status_code == 200
    items, notes = load_workbook(io.BytesIO(answer.content)).worksheets
    from lianxin.provision.selectors import catalogue

    wanted = catalogue(mechanism=Mechanism.PARTY_GOVERNMENT).count()
    assert wanted > 0 and items.max_row - 1 == wanted
    assert f'data-testid="item-count">{wanted}<' in page
    values = {row[0].value: row[1].value for row in notes.iter_rows()}
    assert values["服务事项"] == str(wanted)
    assert {r[2].value for r in items.iter_rows(min_row=2)} == {str(Mechanism.PARTY_GOVERNMENT.label)}
    api = client.get("/api/v1/service-items/?mechanism=party_government&limit=200").json()["items"]
    assert len(api) == wanted
