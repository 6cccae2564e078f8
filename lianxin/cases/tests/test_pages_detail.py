"""A case's page: summary, the trail with photos, related cases, and only the steps the viewer may take;
404 outside his scope."""

import pytest

from lianxin.cases import services
from lianxin.cases.tests.pages import handled_stair_light, photo_file, stair_light, steps_shown, text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def test_the_trail_shows_each_step_with_its_photos(client_as, cast, places, clock):
    case = stair_light(cast, places)
    services.case_take(cast.building_captain, case=case)
    photo = services.photo_upload(cast.building_captain, upload=photo_file())
    services.case_handle(cast.building_captain, case=case, note="已更换灯泡", photos=[photo])
    html = text(client_as("resident").get(f"/cases/{case.pk}/"))

    assert "已更换灯泡" in html
    assert f"/cases/photos/{photo.pk}/thumbnail/" in html
    assert html.count('class="tl-item') == case.events.filter(is_public=True).count()


def test_the_reporter_does_not_see_internal_steps(client_as, cast, places, clock):
    case = stair_light(cast, places)
    services.case_comment(cast.building_captain, case=case, note="内部备注：需要物业配合")

    assert "内部备注" not in text(client_as("resident").get(f"/cases/{case.pk}/"))
    assert "内部备注" in text(client_as("building_captain").get(f"/cases/{case.pk}/"))


def test_a_case_outside_the_viewers_scope_is_404(client_as, cast, places, clock):
    case = stair_light(cast, places)

    assert client_as("courier").get(f"/cases/{case.pk}/").status_code == 404  # he sees only his own reports
    assert client_as("liaison").get(f"/cases/{case.pk}/").status_code == 404
    assert client_as("street_secretary").get(f"/cases/{case.pk}/").status_code == 200


def test_each_role_sees_the_steps_its_post_allows(client_as, cast, places, clock):
    case = stair_light(cast, places)
    url = f"/cases/{case.pk}/"

    assert "take" in steps_shown(text(client_as("building_captain").get(url)))
    assert steps_shown(text(client_as("resident").get(url))) == []
    street = steps_shown(text(client_as("street_secretary").get(url)))
    assert {"whistle", "supervise"} <= set(street) and "take" not in street
    secretary = steps_shown(text(client_as("community_secretary").get(url)))
    assert "dispatch" in secretary and "take" not in secretary and "handle" not in secretary


def test_a_handled_case_offers_verification_to_the_community_not_to_the_captain(
    client_as, cast, places, clock
):
    case = handled_stair_light(cast, places)
    url = f"/cases/{case.pk}/"

    assert "verify" in steps_shown(text(client_as("community_secretary").get(url)))
    assert "verify" not in steps_shown(text(client_as("building_captain").get(url)))


def test_the_page_shows_the_case_it_was_raised_from_and_those_raised_from_it(client_as, cast, places, clock):
    first = stair_light(cast, places)
    raised = services.case_report(
        cast.resident,
        category=category("water_leak"),
        area=places.building,
        description="换灯时发现管道漏水",
        related_case=first,
    )

    assert raised.number in text(client_as("resident").get(f"/cases/{first.pk}/"))
    assert first.number in text(client_as("resident").get(f"/cases/{raised.pk}/"))


def test_the_workers_see_the_reporter_but_the_masked_phone_only(client_as, cast, places, clock):
    case = services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.community,
        description="来电反映路面塌陷",
        channel="hotline",
        contact_name="李先生",
        contact_phone="13912345678",
    )
    html = text(client_as("community_secretary").get(f"/cases/{case.pk}/"))

    assert "139****5678" in html and "13912345678" not in html
