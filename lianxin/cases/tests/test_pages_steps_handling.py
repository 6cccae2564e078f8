"""The handler's steps from the case page: handle with photos and a consultation (P004-14), mediate a
dispute to an outcome (P002-33, P000-43), escalate, return with a reason, ask for more time. A refused step
comes back with the Chinese message, its status, and what was typed."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Action, Case, CasePhoto, HandlerType, State
from lianxin.cases.tests.pages import housing_case, photo_file, post_step, stair_light, text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(cast, places, clock):
    case = stair_light(cast, places)
    services.case_take(cast.building_captain, case=case)
    return case


def test_the_captain_records_a_consultation_with_photos_as_the_handling(client_as, cast, taken):
    client = client_as("building_captain")
    response = post_step(
        client,
        taken,
        "handle",
        note="召集住户协商，费用分摊后更换灯具",
        participants="楼长、3户业主、物业",
        agreement="按户分摊更换费用",
        photo_files=[photo_file()],
    )

    assert response.status_code == 302
    taken.refresh_from_db()
    event = taken.events.get(action=Action.HANDLE)
    assert taken.state == State.HANDLED
    assert event.data["consultation"] == {
        "participants": "楼长、3户业主、物业",
        "agreement": "按户分摊更换费用",
    }
    assert event.photos.count() == 1
    html = text(client.get(f"/cases/{taken.pk}/"))
    assert "按户分摊更换费用" in html and f"/cases/photos/{event.photos.get().pk}/thumbnail/" in html


def test_a_double_tap_makes_one_step(client_as, taken):
    client = client_as("building_captain")
    for _ in range(2):
        post_step(client, taken, "handle", note="已更换灯泡", idempotency_key="tap-1")

    assert taken.events.filter(action=Action.HANDLE).count() == 1


def test_handling_without_a_note_is_400_with_the_message_and_the_photo_kept(client_as, cast, taken):
    response = post_step(
        client_as("building_captain"), taken, "handle", note="", photo_files=[photo_file()], htmx=True
    )

    assert response.status_code == 400
    html = text(response)
    assert "请说明处置情况。" in html
    assert html.startswith('<div id="case-body"')  # the case's body, swapped in place
    photo = CasePhoto.objects.get(uploaded_by=cast.building_captain)
    assert f'name="photos" value="{photo.pk}"' in html and photo.event_id is None


def test_a_step_the_state_does_not_allow_is_409(client_as, cast, places, clock):
    case = stair_light(cast, places)  # dispatched, not yet taken
    response = post_step(client_as("building_captain"), case, "handle", note="已更换")

    assert response.status_code == 409
    assert "的诉求不能执行" in text(response)


def test_a_step_on_a_case_outside_the_scope_is_404(client_as, taken):
    assert post_step(client_as("liaison"), taken, "handle", note="已处理").status_code == 404


def test_the_htmx_step_returns_the_case_body_with_the_new_state(client_as, taken):
    response = post_step(client_as("building_captain"), taken, "handle", note="已更换灯泡", htmx=True)

    html = text(response)
    assert response.status_code == 200 and html.startswith('<div id="case-body"')
    assert "已完成：" in html and "已处置" in html


def test_the_captain_escalates_to_the_property_company(client_as, cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("water_leak"), area=places.building, description="管道漏水"
    )
    services.case_take(cast.building_captain, case=case)
    post_step(client_as("building_captain"), case, "escalate", note="需要物业维修")

    case.refresh_from_db()
    assert case.handler_type == HandlerType.ORGANISATION


def test_a_department_returns_a_wrongly_dispatched_case_with_a_reason(client_as, cast, places, world, clock):
    case = housing_case(cast, places, world)
    client = client_as("dept_staff")

    refused = post_step(client, case, "return", reason="")
    assert refused.status_code == 400 and "请说明退回理由。" in text(refused)
    post_step(client, case, "return", reason="属于交通部门职责")
    case.refresh_from_db()
    assert case.return_pending and case.handler_type == HandlerType.AREA


def test_a_dispute_is_mediated_in_sessions_and_handled_with_its_outcome(client_as, cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("neighbour_dispute"), area=places.estate, description="楼上噪音扰民"
    )
    client = client_as("grid_worker")
    post_step(client, case, "take")
    post_step(client, case, "mediate", note="第一次调解，双方各执一词", participants="双方住户、网格员")
    refused = post_step(client, case, "handle", note="调解成功")
    assert refused.status_code == 400 and "请记录调解结果。" in text(refused)

    post_step(client, case, "handle", note="双方签订协议", outcome="mediated")
    case.refresh_from_db()
    assert case.outcome == "mediated" and case.events.filter(action=Action.MEDIATE).count() == 1


def test_the_handler_requests_an_extension_and_the_dispatcher_decides(client_as, cast, places, world, clock):
    case = housing_case(cast, places, world)
    services.case_take(cast.dept_staff, case=case)
    post_step(client_as("dept_staff"), case, "extend_request", days="3", reason="需要采购材料")
    case.refresh_from_db()
    assert case.extension_pending
    due = case.handle_due

    html = text(client_as("community_secretary").get("/cases/?extension_pending=on"))
    assert case.number in html
    post_step(client_as("community_secretary"), case, "extend_decide", decision="yes", note="同意")
    case.refresh_from_db()
    assert not case.extension_pending and case.handle_due > due


def test_a_post_that_may_not_take_the_step_is_403(client_as, cast, places, clock, taken):
    response = post_step(client_as("grid_worker"), taken, "handle", note="我来处理")

    assert response.status_code == 403
    assert Case.objects.get(pk=taken.pk).state == State.IN_PROGRESS
