"""Import kinds registered by other apps (lianxin/imports/registry.py): the service catalogue (provision,
``service_items``) and volunteers (volunteering, ``volunteers``). Their templates download like the built-in
ones (test_template_download runs over every registered kind); here: what a row writes, and the Chinese
reasons a bad row gets, with nothing written."""

import pytest

from lianxin.imports.registry import import_kind_choices, import_specs
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import valid_id_number, xlsx_file
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role
from lianxin.provision.models import ServiceItem
from lianxin.provision.seeds import catalogue_ensure
from lianxin.volunteering.models import RegistrationStatus, VolunteerRegistration

pytestmark = pytest.mark.django_db

ID_LIU = valid_id_number("41990119800101002")


def test_the_apps_register_their_kinds():
    assert {"service_items", "volunteers"} <= set(import_specs())
    labels = dict(import_kind_choices())
    assert str(labels["service_items"]) == "服务清单事项" and str(labels["volunteers"]) == "志愿者"


def test_the_county_imports_the_catalogue(cast, world):
    catalogue_ensure()
    rows = [
        {"top": "为老服务", "name": "爱心助餐", "mechanism": "便民服务", "target_groups": "老年人、困难群众",
         "materials": "身份证", "points_price": "12", "at_cluster_centres": "是"},
        {"top": "为老服务", "name": "老年助浴", "mechanism": "便民服务", "target_groups": "老年人",
         "points_price": "0"},
    ]  # fmt: skip
    batch = batch_preview(
        actor=cast.county_admin, kind="service_items", upload=xlsx_file("service_items", rows)
    )
    assert batch.errors == []
    batch_confirm(actor=cast.county_admin, batch=batch)
    meal = ServiceItem.objects.get(category__name="爱心助餐")
    assert (meal.points_price, meal.target_groups, meal.materials, meal.at_cluster_centres) == (
        12,
        ["elderly", "needy"],
        ["身份证"],
        True,
    )
    bath = ServiceItem.objects.select_related("category").get(category__name="老年助浴")
    assert bath.category.kind == "service_order" and bath.category.depth == 2


def test_bad_catalogue_rows_are_refused_in_chinese(cast, world):
    catalogue_ensure()
    before = ServiceItem.objects.count()
    rows = [{"top": "不存在的大类", "name": "某事项", "mechanism": "随便", "target_groups": "外星人"}]
    batch = batch_preview(
        actor=cast.county_admin, kind="service_items", upload=xlsx_file("service_items", rows)
    )
    messages = " ".join(e["text"] for e in batch.errors)
    assert "没有名为不存在的大类的大类" in messages
    assert "“随便”不是可选值" in messages and "“外星人”不是可选值" in messages
    assert ServiceItem.objects.count() == before
    # A community's staff do not keep the catalogue: the row says why.
    ok = [{"top": "为老服务", "name": "爱心助餐", "mechanism": "便民服务"}]
    refused = batch_preview(
        actor=cast.community_secretary, kind="service_items", upload=xlsx_file("service_items", ok)
    )
    assert [e["message"] for e in refused.errors] == ["服务清单由县级工作人员维护。"]


def test_a_volunteer_is_registered_and_approved(land):
    person = Person(name="刘建军", area=land.unit_a1, area_path=land.unit_a1.path)
    person.set_id_number(ID_LIU)
    person.save()
    rows = [{"name": "刘建军", "id_number": ID_LIU, "kind": "居民", "skills": "维修"}]
    batch = batch_preview(actor=land.secretary, kind="volunteers", upload=xlsx_file("volunteers", rows))
    assert batch.errors == []
    batch_confirm(actor=land.secretary, batch=batch)
    registration = VolunteerRegistration.objects.get(person=person)
    assert registration.status == RegistrationStatus.APPROVED and registration.community == land.community
    assert Post.objects.filter(person=person, role=Role.VOLUNTEER, area=land.community).exists()
    again = batch_preview(actor=land.secretary, kind="volunteers", upload=xlsx_file("volunteers", rows))
    assert [e["message"] for e in again.errors] == ["已在幸福社区报到"]
    unknown = [{"name": "无名", "id_number": valid_id_number("41990119800101003")}]
    missing = batch_preview(actor=land.secretary, kind="volunteers", upload=xlsx_file("volunteers", unknown))
    assert [e["message"] for e in missing.errors] == ["没有登记这个身份证号的人员，请先登记人员"]
    assert VolunteerRegistration.objects.count() == 1
