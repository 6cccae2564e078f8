"""One-time notification (issue 21 scenario 5, P002-44): 高龄津贴 with 1 of its 3 materials gets one notice
naming 户口簿、银行卡; another notice on the case counts as a second notice, in the page, the API and the
roll-up."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.cases.services import case_report
from lianxin.core.errors_domain import DomainError
from lianxin.provision.figures import NOTICES
from lianxin.provision.models import MaterialNotice
from lianxin.provision.seeds import catalogue_ensure
from lianxin.provision.services import material_notice_give
from lianxin.rollups.selectors import rollup_sum
from lianxin.rollups.testing import assert_rollup_matches

pytestmark = pytest.mark.django_db


@pytest.fixture
def allowance_case(cast, places, clock, item):
    catalogue_ensure()
    return case_report(
        cast.community_secretary,
        category=item("svc_old_age_allowance").category,
        area=places.estate,
        description="孙桂兰申领高龄津贴",
    )


def _second_notices(places, clock):
    day = clock.now.date()
    return rollup_sum(
        key=NOTICES, area_path=places.street.path, day_from=day, day_to=day, dims={"notice": "second"}
    )


def test_one_notice_names_every_missing_material_and_a_second_is_counted(
    client_as, cast, places, clock, allowance_case
):
    before = AuditRecord.objects.count()
    client = client_as("community_secretary")
    answer = client.post("/provision/material-notices/", {"case": allowance_case.pk, "provided": ["身份证"]})
    assert answer.status_code == 302
    first = MaterialNotice.objects.get(case=allowance_case)
    assert (first.seq, first.missing) == (1, ["户口簿", "银行卡"])
    assert AuditRecord.objects.count() > before
    assert _second_notices(places, clock).count == 0

    again = client.post(
        "/api/v1/material-notices/",
        {"case_id": allowance_case.pk, "provided": ["身份证", "户口簿"]},
        content_type="application/json",
    )
    assert again.status_code == 201
    assert again.json()["seq"] == 2 and again.json()["is_second"] and again.json()["missing"] == ["银行卡"]
    assert _second_notices(places, clock).count == 1
    page = client.get(f"/provision/material-notices/?case={allowance_case.pk}").content.decode()
    assert 'data-testid="second-count">1<' in page and 'data-testid="notice-count">2<' in page
    assert_rollup_matches(NOTICES)


def test_bad_notices_are_refused_and_nothing_is_written(cast, allowance_case):
    for provided, field in ((["身份证", "户口簿", "银行卡"], "provided"), (["护照"], "provided")):
        with pytest.raises(DomainError) as refused:
            material_notice_give(cast.community_secretary, case=allowance_case, provided=provided)
        assert refused.value.field == field
    with pytest.raises(DomainError) as refused:
        material_notice_give(cast.provider_staff, case=allowance_case, provided=[])
    assert refused.value.code == "forbidden"
    assert not MaterialNotice.objects.filter(case=allowance_case).exists()


def test_notices_are_read_within_scope(client_as, cast, allowance_case):
    material_notice_give(cast.community_secretary, case=allowance_case, provided=[])
    notice = MaterialNotice.objects.get(case=allowance_case)
    assert client_as("street_secretary").get(f"/api/v1/material-notices/{notice.pk}").status_code == 200
    assert client_as("provider_staff").get(f"/api/v1/material-notices/{notice.pk}").status_code == 404
    listed = client_as("provider_staff").get("/api/v1/material-notices/").json()["items"]
    assert listed == []
    refused = client_as("provider_staff").post(
        "/api/v1/material-notices/", {"case_id": allowance_case.pk}, content_type="application/json"
    )
    assert refused.status_code == 404
