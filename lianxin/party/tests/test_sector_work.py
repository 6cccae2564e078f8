"""Small gaps of the sector work: mobile members counted once (P003-17), applicants by group tag
(P003-19), rest stations with host and service centre per area (P003-23), education bases by batch and
theme (P003-48)."""

from datetime import date

import pytest

from lianxin.areas.models import Place
from lianxin.core.errors_domain import DomainError
from lianxin.party.figures.organisation import (
    applicants_by_tag,
    education_bases,
    mobile_members,
    rest_stations_per_area,
)
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.party.services.mobile import applicant_record, mobile_member_enrol
from lianxin.people.models import Person, PersonTag

pytestmark = pytest.mark.django_db


def _rows(rows):
    return {str(r.label): r.value for r in rows}


def _home_member(world):
    return Membership.objects.current().filter(is_home=True, kind=MembershipKind.FULL).order_by("id").first()


def test_a_mobile_member_keeps_his_home_branch_and_is_counted_once(cast, world):
    mobile = PartyOrg.objects.get(kind=OrgKind.MOBILE_BRANCH, name="快递小哥流动党支部")
    before = _rows(mobile_members(user=cast.county_admin))
    home = _home_member(world)

    enrolled = mobile_member_enrol(
        actor=cast.county_admin, person=home.person, branch=mobile, work_place="快递站"
    )

    assert enrolled.is_home is False and enrolled.is_mobile is True
    assert Membership.objects.current().get(pk=home.pk).is_home  # home branch unchanged
    after = _rows(mobile_members(user=cast.county_admin))
    assert after["在流动党支部登记的流动党员"] == before["在流动党支部登记的流动党员"] + 1
    assert after["其中组织关系仍在原支部的"] == before["其中组织关系仍在原支部的"] + 1
    assert after["党员总数（每人只计一次）"] == before["党员总数（每人只计一次）"]
    with pytest.raises(DomainError):
        mobile_member_enrol(actor=cast.county_admin, person=home.person, branch=mobile)
    with pytest.raises(DomainError):
        mobile_member_enrol(actor=cast.county_admin, person=home.person, branch=world.working_committees[0])
    with pytest.raises(DomainError):  # nobody without a home branch
        mobile_member_enrol(actor=cast.county_admin, person=Person.objects.create(name="无"), branch=mobile)


def test_applicants_are_recorded_with_date_and_branch_and_counted_by_tag(cast, world, client_as):
    mobile = PartyOrg.objects.get(kind=OrgKind.MOBILE_BRANCH, name="快递小哥流动党支部")
    courier = Person(name="申请人快递小哥")
    courier.set_area(world.estates[0])
    courier.save()
    courier.tags.add(PersonTag.objects.get(code="courier"))
    membership = applicant_record(
        actor=cast.county_admin, person=courier, branch=mobile, applied_on=date(2024, 5, 4)
    )
    assert membership.kind == MembershipKind.APPLICANT and membership.applied_on == date(2024, 5, 4)
    rows = _rows(applicants_by_tag(user=cast.county_admin))
    assert rows[PersonTag.objects.get(code="courier").name] >= 1
    with pytest.raises(DomainError):
        applicant_record(actor=cast.county_admin, person=courier, branch=mobile, applied_on=date(2024, 6, 1))

    other = Person(name="另一申请人")
    other.set_area(world.estates[0])
    other.save()
    client = client_as("county_admin")
    response = client.post(
        "/api/v1/membership-stages/applicants",
        {"person_id": other.pk, "branch_id": mobile.pk, "applied_on": "2099-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/membership-stages/applicants",
        {"person_id": other.pk, "branch_id": mobile.pk, "applied_on": "2024-07-01"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["kind"] == "applicant"
    assert client_as("street_secretary").post(
        "/api/v1/membership-stages/mobile",
        {"person_id": other.pk, "branch_id": mobile.pk},
        content_type="application/json",
    ).status_code in (400, 404)


def test_rest_stations_have_host_and_centre_and_are_counted_per_area(cast, world, client_as):
    station = Place.objects.get(designations__code="rest_red_sail")
    assert station.host == "巨川顺达快递站"
    assert station.parent_place.name == "巨川县党群服务中心"
    rows = _rows(rest_stations_per_area(user=cast.county_admin))
    total_rest = Place.objects.filter(designations__code__startswith="rest_").distinct().count()
    assert rows[world.county.name] == total_rest
    per_street = _rows(rest_stations_per_area(user=cast.county_admin, root=world.county))
    assert sum(per_street[s.name] for s in world.streets + world.townships) <= total_rest
    page = client_as("county_admin").get(f"/areas/{world.county.pk}/").content.decode()
    assert "巨川顺达快递站" in page


def test_education_bases_by_batch_and_theme(cast, world, client_as):
    rows = _rows(education_bases(user=cast.county_admin))
    assert rows["批次：第一批"] == 1
    assert rows["主题：廉政教育"] == 1
    assert rows["党性教育基地总数"] == 1
    page = client_as("county_admin").get("/coverage/figures/").content.decode()
    assert "党性教育基地" in page and "按群体统计的入党申请人" in page


def test_couriers_are_imported_from_excel_with_employer_depot_and_delivery_area(cast, world):
    from lianxin.imports.services import batch_confirm, batch_preview
    from lianxin.imports.tests.conftest import xlsx_file
    from lianxin.party.figures.organisation import couriers_per_area
    from lianxin.party.models.couriers import CourierRecord

    community = world.communities[0]
    before = _rows(couriers_per_area(user=cast.county_admin))[world.county.name]
    upload = xlsx_file(
        "couriers",
        [
            {
                "name": "钱快递",
                "mobile": "13712340001",
                "area_code": community.code,
                "employer": world.express_company.name,
                "depot": "人民路网点",
                "delivery_area_code": world.estates[0].code,
                "registered_on": "2024-05-01",
            },
            {"name": "无单位", "area_code": community.code, "employer": "不存在的快递公司"},
        ],
    )
    batch = batch_preview(actor=cast.county_admin, kind="couriers", upload=upload)
    assert [e["row"] for e in batch.errors] == [3]
    assert "不存在的快递公司" in batch.errors[0]["message"]

    good = xlsx_file(
        "couriers",
        [
            {
                "name": "钱快递",
                "area_code": community.code,
                "depot": "人民路网点",
                "employer": world.express_company.name,
                "registered_on": "2024-05-01",
                "delivery_area_code": world.estates[0].code,
            }
        ],
    )
    batch_confirm(
        actor=cast.county_admin, batch=batch_preview(actor=cast.county_admin, kind="couriers", upload=good)
    )

    record = CourierRecord.objects.get(person__name="钱快递")
    assert (record.depot, record.delivery_area, record.person.employer) == (
        "人民路网点",
        world.estates[0],
        world.express_company,
    )
    assert record.person.tags.filter(code="courier").exists()
    rows = couriers_per_area(user=cast.county_admin)
    assert rows[0].value == before + 1
    assert "2024: " in rows[0].note


def test_the_enrol_page_of_a_mobile_branch_enrols_a_mobile_member_who_keeps_his_home(client_as, world):
    mobile = PartyOrg.objects.get(kind=OrgKind.MOBILE_BRANCH, name="快递小哥流动党支部")
    home = _home_member(world)
    client = client_as("county_admin")
    page = client.get(f"/party/{mobile.pk}/members/new/")
    assert page.status_code == 200 and "组织关系" in page.content.decode()

    response = client.post(
        f"/party/{mobile.pk}/members/new/",
        {"person": home.person.mobile, "kind": "full", "is_home": "on", "work_place": "顺丰网点"},
    )

    assert response.status_code == 302
    enrolled = Membership.objects.current().get(person=home.person, org=mobile)
    assert enrolled.is_mobile and not enrolled.is_home and enrolled.work_place == "顺丰网点"
    assert Membership.objects.current().get(pk=home.pk).is_home  # the relation stays at home
    again = client.post(f"/party/{mobile.pk}/members/new/", {"person": home.person.mobile, "kind": "full"})
    assert again.status_code == 400 and "已" in again.content.decode()


def test_the_enrol_page_records_an_applicant_with_the_day_received(client_as, world):
    mobile = PartyOrg.objects.get(kind=OrgKind.MOBILE_BRANCH, name="快递小哥流动党支部")
    applicant = Person(name="递交申请书的骑手")
    applicant.set_mobile("13955550101")
    applicant.set_area(world.estates[0])
    applicant.save()
    client = client_as("county_admin")
    missing = client.post(
        f"/party/{mobile.pk}/members/new/", {"person": "13955550101", "kind": MembershipKind.APPLICANT}
    )
    assert missing.status_code == 400 and "请填写递交申请的日期" in missing.content.decode()
    assert not Membership.objects.filter(person=applicant).exists()

    response = client.post(
        f"/party/{mobile.pk}/members/new/",
        {"person": "13955550101", "kind": MembershipKind.APPLICANT, "applied_on": "2026-03-01"},
    )

    assert response.status_code == 302
    membership = Membership.objects.get(person=applicant)
    assert membership.kind == MembershipKind.APPLICANT and membership.org == mobile
    assert membership.applied_on == date(2026, 3, 1) and membership.is_home
