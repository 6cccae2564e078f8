"""P003-15: a sector committee's lead, guiding and cooperating departments; their staff read that sector's
organisations and nothing else."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import Membership, OrgKind, PartyOrg, Sector
from lianxin.party.models.sector_departments import SectorDepartment, SectorDepartmentRole
from lianxin.party.services.sectors import sector_department_add
from lianxin.people.models import Person
from lianxin.people.selectors import user_caches_clear

pytestmark = pytest.mark.django_db


def _committee(sector):
    return PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=sector)


def _zhujian(world):
    return world.departments["zhujian"]


def test_the_demo_records_the_express_sectors_departments(world):
    roles = set(
        SectorDepartment.objects.filter(committee=_committee(Sector.EXPRESS)).values_list("role", flat=True)
    )
    assert roles == {
        SectorDepartmentRole.LEAD,
        SectorDepartmentRole.GUIDING,
        SectorDepartmentRole.COOPERATING,
    }


def test_department_staff_read_their_sectors_organisations_and_nothing_else(cast, world, client_as):
    express = _committee(Sector.EXPRESS)
    mobile = PartyOrg.objects.get(kind=OrgKind.MOBILE_BRANCH, name="快递小哥流动党支部")
    food = _committee(Sector.FOOD_DELIVERY)
    client = client_as("dept_staff")
    # Before the link, the express committee is outside the department's scope.
    assert client.get(f"/party/{express.pk}/").status_code == 404

    sector_department_add(
        actor=cast.county_admin,
        committee=express,
        department=_zhujian(world),
        role=SectorDepartmentRole.GUIDING,
    )
    person = Person.objects.create(name="快递党员")
    Membership.objects.create(person=person, org=mobile, org_path=mobile.path, is_home=False, is_mobile=True)
    user_caches_clear(cast.dept_staff)

    # Must see: the sector committee and the organisations under it, on pages and in the API.
    assert client.get(f"/party/{express.pk}/").status_code == 200
    assert client.get(f"/party/{mobile.pk}/").status_code == 200
    assert client.get(f"/api/v1/party-orgs/{express.pk}").json()["name"] == express.name
    children = client.get(f"/api/v1/party-orgs/{express.pk}/children").json()["items"]
    assert [c["id"] for c in children] == [mobile.pk]
    assert express.name in client.get("/party/").content.decode()
    # Must not see: other sectors, the street committees, the sector's members; and may not write.
    assert client.get(f"/party/{food.pk}/").status_code == 404
    assert client.get(f"/party/{world.working_committees[0].pk}/").status_code == 404
    assert not Membership.objects.restrict(cast.dept_staff).filter(org=mobile).exists()
    assert client.get(f"/api/v1/sector-committees/{express.pk}/departments").status_code == 200
    assert client.post(f"/party/{express.pk}/departments/add/", {}).status_code == 403
    assert not PartyOrg.objects.restrict(cast.dept_staff, "change").filter(pk=express.pk).exists()


def test_the_organisation_department_records_departments_on_the_page_and_in_the_api(cast, world, client_as):
    food = _committee(Sector.FOOD_DELIVERY)
    client = client_as("county_admin")
    page = client.get(f"/party/{food.pk}/departments/")
    assert page.status_code == 200
    assert "记录部门" in page.content.decode()

    response = client.post(
        f"/party/{food.pk}/departments/add/",
        {"department": _zhujian(world).pk, "role": SectorDepartmentRole.LEAD},
    )
    assert response.status_code == 302
    link = SectorDepartment.objects.get(committee=food)
    assert link.role == SectorDepartmentRole.LEAD
    assert AuditRecord.objects.filter(object_type="party.sectordepartment", object_id=str(link.pk)).exists()

    again = client.post(
        f"/party/{food.pk}/departments/add/",
        {"department": _zhujian(world).pk, "role": SectorDepartmentRole.LEAD},
    )
    assert again.status_code == 400
    assert "已经记录" in again.content.decode()

    api = client.post(
        f"/api/v1/sector-committees/{food.pk}/departments",
        {"department_id": world.departments["minzheng"].pk, "role": "cooperating"},
        content_type="application/json",
    )
    assert api.status_code == 201
    assert api.json()["role_label"] == "协同配合"
    listed = client.get(f"/api/v1/sector-committees/{food.pk}/departments").json()
    assert {row["department_id"] for row in listed} == {_zhujian(world).pk, world.departments["minzheng"].pk}
    bad = client.post(
        f"/api/v1/sector-committees/{food.pk}/departments",
        {"department_id": world.departments["renshe"].pk, "role": "boss"},
        content_type="application/json",
    )
    assert bad.status_code == 400


def test_only_a_sector_committee_records_departments(cast, world):
    with pytest.raises(DomainError):
        sector_department_add(
            actor=cast.county_admin,
            committee=world.working_committees[0],
            department=_zhujian(world),
            role=SectorDepartmentRole.LEAD,
        )
