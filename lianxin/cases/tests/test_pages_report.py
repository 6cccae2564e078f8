"""上报: a resident reports with category, photo and place from his household's chain (or his position); a
liaison reports for a linked household; bad input comes back with the Chinese message and nothing lost."""

import pytest

from lianxin.areas.models import Area
from lianxin.cases.models import Case, CasePhoto, Channel, ReporterGroup, State
from lianxin.cases.tests.pages import key, not_a_photo, options, photo_file, text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def report(client, **data):
    data.setdefault("idempotency_key", key())
    data.setdefault("request_type", "help")
    data.setdefault("urgency", "normal")
    return client.post("/cases/report/", data)


def test_a_resident_chooses_a_place_from_his_households_chain_only(client_as, places):
    html = text(client_as("resident").get("/cases/report/"))
    choices = options(html, "area")

    assert str(places.building.pk) in choices and str(places.estate.pk) in choices
    assert str(places.other_estate.pk) not in choices
    assert "政策咨询" in html  # the public categories


def test_a_resident_reports_with_a_photo_and_the_case_opens_with_it(client_as, cast, places, clock):
    client = client_as("resident")
    response = report(
        client,
        category=category("stair_light").pk,
        description="3号楼楼道灯不亮",
        area=places.building.pk,
        photo_files=[photo_file()],
    )

    case = Case.objects.get(reporter=cast.resident.person)
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert case.area == places.building and case.channel == Channel.H5
    assert case.handler_person == cast.building_captain.person
    photo = case.photos.get()
    assert photo.event.seq == 1
    page = text(client.get(response["Location"]))
    assert f"/cases/photos/{photo.pk}/thumbnail/" in page


def test_a_photo_uploaded_first_is_attached_by_its_id(client_as, cast, places, clock):
    client = client_as("resident")
    upload = client.post("/cases/photos/", {"photo": photo_file()})
    photo = CasePhoto.objects.get(uploaded_by=cast.resident)
    assert upload.status_code == 200 and f'name="photos" value="{photo.pk}"' in text(upload)

    report(
        client,
        category=category("cleaning").pk,
        description="垃圾没清",
        area=places.estate.pk,
        photos=[photo.pk],
    )

    photo.refresh_from_db()
    assert photo.case.reporter == cast.resident.person


def test_the_same_key_twice_makes_one_case(client_as, cast, places, clock):
    client = client_as("resident")
    data = {
        "category": category("cleaning").pk,
        "description": "垃圾没清",
        "area": places.estate.pk,
        "idempotency_key": "k1",
    }
    first, second = report(client, **data), report(client, **data)

    assert first["Location"] == second["Location"]
    assert Case.objects.filter(reporter=cast.resident.person).count() == 1


def test_an_empty_description_comes_back_with_the_chinese_message_and_the_input_kept(client_as, cast, places):
    response = report(
        client_as("resident"),
        category=category("cleaning").pk,
        description="  ",
        area=places.estate.pk,
        address="东门",
    )

    assert response.status_code == 400
    assert "请描述问题。" in text(response)
    assert 'value="东门"' in text(response)
    assert not Case.objects.filter(reporter=cast.resident.person).exists()


def test_a_file_that_is_not_a_photo_is_refused_and_the_photos_before_it_are_kept(client_as, cast, places):
    response = report(
        client_as("resident"),
        category=category("cleaning").pk,
        description="垃圾没清",
        area=places.estate.pk,
        photo_files=[photo_file(), not_a_photo()],
    )

    assert response.status_code == 400
    assert "请上传照片（JPEG、PNG 或 WebP 格式）。" in text(response)
    kept = CasePhoto.objects.get(uploaded_by=cast.resident)
    assert f'name="photos" value="{kept.pk}"' in text(response)
    assert not Case.objects.filter(reporter=cast.resident.person).exists()


def test_a_place_outside_the_residents_chain_is_refused(client_as, cast, places):
    response = report(
        client_as("resident"),
        category=category("cleaning").pk,
        description="垃圾没清",
        area=places.other_estate.pk,
    )

    assert response.status_code == 400
    assert not Case.objects.filter(reporter=cast.resident.person).exists()


def test_the_map_pin_places_the_report_in_the_nearest_estate_of_his_community(client_as, cast, places, clock):
    Area.objects.filter(pk=places.estate.pk).update(lat="35.230000", lng="115.440000")
    Area.objects.filter(pk=places.other_estate.pk).update(lat="35.250000", lng="115.460000")
    report(
        client_as("resident"),
        category=category("cleaning").pk,
        description="小区门口垃圾",
        area="nearest",
        lat="35.249000",
        lng="115.459000",
    )

    case = Case.objects.get(reporter=cast.resident.person)
    assert case.area == places.other_estate
    assert str(case.lat) == "35.249000"


def test_a_liaison_reports_for_a_linked_household(client_as, cast, world, clock):
    from lianxin.party.models import LiaisonLink

    link = LiaisonLink.objects.filter(liaison=cast.liaison.person).select_related("household").first()
    resident = link.household.residents.first()
    client = client_as("liaison")
    assert str(resident.pk) in options(text(client.get("/cases/report/")), "on_behalf_of")

    report(
        client,
        category=category("subsistence").pk,
        description="申请临时救助",
        area=link.household.area_id,
        on_behalf_of=resident.pk,
    )

    case = Case.objects.get(reporter=resident)
    assert case.channel == Channel.LIAISON
    assert case.reporter_group == ReporterGroup.RESIDENT


def test_a_category_with_extra_fields_shows_them_and_requires_them(client_as, places):
    stair = category("stair_light")
    stair.extra_fields = [{"code": "floor", "datatype": "number", "required": True, "description": "楼层"}]
    stair.save()
    client = client_as("resident")

    fragment = text(client.get(f"/cases/report/fields/?category={stair.pk}"))
    assert 'name="extra_floor"' in fragment and "楼层" in fragment
    refused = report(client, category=stair.pk, description="灯坏了", area=places.building.pk)
    assert refused.status_code == 400 and "楼层" in text(refused)
    report(client, category=stair.pk, description="灯坏了", area=places.building.pk, extra_floor="3")
    assert Case.objects.get(category=stair).extra == {"floor": 3.0}


def test_a_worker_may_handle_what_he_reports_himself(client_as, cast, places, clock):
    report(
        client_as("grid_worker"),
        category=category("cleaning").pk,
        description="巡查发现垃圾堆放，已现场处理",
        area=places.estate.pk,
        handle_self="on",
    )

    case = Case.objects.get(reporter=cast.grid_worker.person)
    assert case.channel == Channel.PATROL
    assert case.state == State.IN_PROGRESS and case.handler_person == cast.grid_worker.person


def test_a_resident_picks_from_a_short_list_of_his_own_categories_with_search(client_as, cast):
    from lianxin.cases.intake import category_allowed
    from lianxin.cases.views.queries import resident_categories

    html = text(client_as("resident").get("/cases/report/"))

    assert 'data-testid="category-picker"' in html and "data-category-search" in html
    listed = resident_categories(cast.resident)
    assert all(category_allowed(cast.resident, c) == "" for c, _label in listed)  # the guard's own rule
    offered = {c.code for c, _label in listed}
    assert {"stair_light", "water_leak", "neighbour_dispute", "parking"} <= offered
    # Other groups' channels (couriers' requests, enterprises' matters) are not a resident's.
    assert not offered & {"courier", "enterprise", "financing", "policy_fulfilment"}
    assert "快递小哥诉求" not in html and "融资需求" not in html
    assert html.count('name="category"') == len(offered)
    # A worker still chooses from the whole tree.
    assert "快递小哥诉求" in text(client_as("grid_worker").get("/cases/report/"))


def test_a_refused_report_names_each_missing_field(client_as, cast, clock):
    response = report(client_as("resident"), category="", description="", area="")

    html = text(response)
    assert response.status_code == 400
    assert "请选择类别" in html and "请描述问题" in html
    assert "这个字段是必填项" not in html
    assert not Case.objects.filter(reporter=cast.resident.person).exists()


def test_a_position_without_a_chosen_place_places_the_report_in_the_nearest_estate(
    client_as, cast, places, clock
):
    other = Area.objects.get(pk=places.other_estate.pk)
    html = text(client_as("resident").get("/cases/report/"))
    assert 'id="report-positions"' in html and f'"id": {other.pk}' in html  # the page can name it at once

    report(
        client_as("resident"),
        category=category("cleaning").pk,
        description="小区门口垃圾",
        area="",
        lat=str(other.lat),
        lng=str(other.lng),
    )

    case = Case.objects.get(reporter=cast.resident.person)
    assert case.area == other


def test_staff_take_in_an_enterprises_call_on_the_red_chain_line(client_as, cast, places, clock):
    """P003-42: a community secretary files an enterprise's call on the 红链直通车 line from the report page;
    the case keeps the channel, counts as raised by an enterprise and names who called."""
    client = client_as("community_secretary")
    assert Channel.ENTERPRISE_LINE in options(text(client.get("/cases/report/")), "channel")
    response = report(
        client,
        category=category("policy_fulfilment").pk,
        description="稳岗补贴未兑现",
        area=places.community.pk,
        channel=Channel.ENTERPRISE_LINE,
        contact_name="巨川县鑫源食品有限公司",
        contact_phone="13900000000",
    )

    case = Case.objects.get(description="稳岗补贴未兑现")
    assert response.status_code == 302, text(response)
    assert case.channel == Channel.ENTERPRISE_LINE and case.reporter_group == ReporterGroup.ENTERPRISE
    assert case.contact_name == "巨川县鑫源食品有限公司"
    assert case.first_receiver == cast.community_secretary.person


def test_residents_and_workers_do_not_choose_a_channel(client_as):
    assert 'name="channel"' not in text(client_as("resident").get("/cases/report/"))
    assert 'name="channel"' not in text(client_as("grid_worker").get("/cases/report/"))


def test_the_case_page_names_the_caller_not_the_staff_member_who_took_the_call(
    client_as, cast, places, clock
):
    client = client_as("community_secretary")
    report(
        client,
        category=category("policy_fulfilment").pk,
        description="融资贷款咨询",
        area=places.community.pk,
        channel=Channel.ENTERPRISE_LINE,
        contact_name="巨川县鑫源食品有限公司",
    )
    case = Case.objects.get(description="融资贷款咨询")

    page = text(client.get(f"/cases/{case.pk}/"))
    assert "巨川县鑫源食品有限公司" in page and "（企业）" in page
