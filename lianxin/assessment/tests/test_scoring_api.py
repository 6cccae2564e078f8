"""The scoring API's writes: a scheme set up (weights refused in Chinese, nothing saved), a mark, a
household's answer (409 the second time) and the survey page's answer."""

import pytest

from lianxin.assessment.models import Mark, Scheme, SurveyAnswer

from .scoring_helpers import WANJIA, company, households_with_accounts, serve

pytestmark = pytest.mark.django_db


def _body(community, weights):
    return {
        "name": "梧桐里社区2026年度物业企业考核",
        "subject_kind": "property_company",
        "area_id": community.pk,
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "entry_opens": "2026-11-01",
        "entry_closes": "2027-01-29",
        "indicators": [
            {"name": "社区党委评价", "weight": weights[0], "source": "mark"},
            {"name": "居民满意度", "weight": weights[1], "source": "survey"},
            {
                "name": "物业费收缴率",
                "weight": weights[2],
                "source": "function",
                "function": "fee_collection",
            },
        ],
    }


def test_scheme_mark_and_answer_through_the_api(cast, places, clock, client, client_as):
    wanjia = company(WANJIA)
    serve(places.estate, wanjia)
    api = client_as("community_secretary")
    refused = api.post(
        "/api/v1/schemes/", _body(places.community, (50, 25, 20)), content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "权重合计95%，应为100%"
    assert not Scheme.objects.exists()
    made = api.post(
        "/api/v1/schemes/", _body(places.community, (50, 30, 20)), content_type="application/json"
    )
    assert made.status_code == 201
    scheme = made.json()
    mark_indicator = scheme["indicators"][0]["id"]
    marked = api.post(
        f"/api/v1/schemes/{scheme['id']}/marks",
        {"indicator_id": mark_indicator, "organisation_id": wanjia.pk, "score": 72},
        content_type="application/json",
    )
    assert marked.status_code == 201 and Mark.objects.filter(subject_organisation=wanjia).count() == 1
    # The reviewer reads the scheme but may not mark: 403, nothing written.
    read_only = client_as("reviewer").post(
        f"/api/v1/schemes/{scheme['id']}/marks",
        {"indicator_id": mark_indicator, "organisation_id": wanjia.pk, "score": 10},
        content_type="application/json",
    )
    assert read_only.status_code == 403 and Mark.objects.count() == 1
    (household_user,) = households_with_accounts(places.estate, 1)
    client.force_login(household_user)
    first = client.post(
        f"/api/v1/schemes/{scheme['id']}/answers", {"satisfied": True}, content_type="application/json"
    )
    assert first.status_code == 201
    again = client.post(
        f"/api/v1/schemes/{scheme['id']}/answers", {"satisfied": False}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["error"]["message"] == "本户本期已评价"
    assert SurveyAnswer.objects.filter(scheme_id=scheme["id"]).count() == 1
    api = client_as("community_secretary")  # the one test client, signed in again
    detail = api.get(f"/api/v1/schemes/{scheme['id']}").json()
    row = next(r for r in detail["results"] if r["subject_name"] == WANJIA)
    assert float(row["score"]) == 66.0  # 72 × 50 % + 100 × 30 % + no fees yet


def test_the_survey_page_answers_once(cast, places, clock, client):
    from datetime import date

    from lianxin.assessment.models import Source, SubjectKind
    from lianxin.assessment.services.scoring import scheme_create

    serve(places.estate, company(WANJIA))
    scheme = scheme_create(
        cast.community_secretary, name="满意度测评", subject_kind=SubjectKind.PROPERTY_COMPANY,
        area=places.community,
        period_start=date(2026, 1, 1), period_end=date(2026, 12, 31), entry_opens=date(2026, 11, 1),
        entry_closes=date(2027, 1, 29),
        indicators=[{"name": "居民满意度", "weight": 100, "source": Source.SURVEY}],
    )  # fmt: skip
    (user,) = households_with_accounts(places.estate, 1)
    client.force_login(user)
    page = client.get("/assessment/survey/").content.decode()
    assert "满意度测评" in page and WANJIA in page
    assert client.post("/assessment/survey/", {"scheme": scheme.pk, "satisfied": "yes"}).status_code == 302
    assert client.post("/assessment/survey/", {"scheme": scheme.pk, "satisfied": "no"}).status_code == 409
    assert SurveyAnswer.objects.get(scheme=scheme).satisfied is True
