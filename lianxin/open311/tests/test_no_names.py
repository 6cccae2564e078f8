"""Open311 shows external systems the handling unit or role, never a person's name (issue 18): staff write
names into public notes ("派单至孙桂兰"), and the notes reach status_notes and the updates' descriptions."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Case
from lianxin.open311.tests.conftest import V2, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(o311, api_key, places, clock):
    response = o311.post(
        f"{V2}/requests.json",
        {
            "api_key": api_key,
            "service_code": "stair_light",
            "address_id": places.building.code,
            "description": "楼道灯不亮",
            "first_name": "秀英",
            "last_name": "王",
        },
    )
    assert response.status_code == 201, response.content
    [item] = parse(response, "json")
    return Case.objects.get(pk=Case.pk_from_number(item["service_request_id"]))


def test_status_notes_and_updates_name_the_unit_not_the_person(o311, api_key, reported, cast, clock):
    captain = cast.building_captain.person.name
    secretary = cast.community_secretary.person.name
    services.case_take(cast.building_captain, case=reported)
    services.case_comment(
        cast.community_secretary,
        case=reported,
        note=f"{secretary}已请{captain}今天联系王秀英",
        is_public=True,
    )

    [item] = parse(o311.get(f"{V2}/requests/{reported.number}.json", {"api_key": api_key}), "json")
    updates = parse(
        o311.get(f"{V2}/servicerequestupdates.json", {"api_key": api_key, "start_date": "2026-11-30"}), "json"
    )

    notes = [item["status_notes"], *[u["description"] for u in updates]]
    assert item["status_notes"] == "工作人员已请1号楼今天联系诉求人"
    for name in (captain, secretary, "王秀英"):
        assert not any(name in note for note in notes)
