"""服务项目 page (P000-48, P004-44): the community publishes a project raised from a resident's request, with
its hours and places; members claim places until it is full; the page counts projects, places claimed and
claims cumulatively, and refuses bad input with a Chinese message and nothing written."""

import pytest

from lianxin.cases import services as cases
from lianxin.cases.models import Case, Category
from lianxin.volunteering import services
from lianxin.volunteering.wishes import PROJECT_ROOT, wish_categories_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_case(cast, places):
    return cases.case_report(
        cast.resident,
        category=Category.objects.filter(kind="resident_request").order_by("id").first()
        or Category.objects.exclude(code=PROJECT_ROOT).order_by("id").first(),
        area=places.building,
        description="楼道里堆满杂物，希望有人帮忙清理",
    )


def test_the_community_publishes_a_project_raised_from_a_request_and_members_fill_it(
    client_as, cast, places, request_case, clock
):
    wish_categories_ensure()
    client = client_as("community_secretary")
    form = client.get("/volunteering/projects/")
    assert form.status_code == 200
    posted = client.post(
        "/volunteering/projects/",
        {
            "title": "楼道杂物清理",
            "area": places.estate.pk,
            "hours": "2",
            "capacity": "2",
            "raised_from": request_case.number,
            "description": "清理 1 至 3 号楼楼道",
            "idempotency_key": "p-1",
        },
    )
    assert posted.status_code == 302, posted.context["form"].errors if posted.context else posted
    project = Case.objects.get(title="楼道杂物清理")
    assert (project.claim_capacity, project.related_case_id, project.extra["hours"]) == (
        2,
        request_case.pk,
        2.0,
    )
    # The same key again publishes nothing new.
    again = client.post(
        "/volunteering/projects/",
        {
            "title": "楼道杂物清理",
            "area": places.estate.pk,
            "hours": "2",
            "capacity": "2",
            "idempotency_key": "p-1",
        },
    )
    assert again.status_code == 302 and Case.objects.filter(title="楼道杂物清理").count() == 1

    for user in (cast.volunteer, cast.building_captain):
        services.volunteer_registration_approve(
            cast.community_secretary, registration=services.volunteer_register(user, kind="resident")
        )
        cases.case_claim(user, case=project)
    page = client.get("/volunteering/projects/")
    html = page.content.decode()
    assert page.context["figures"] == {"projects": 1, "places": 2, "claimed": 2, "claims_ever": 2, "full": 1}
    assert request_case.number in html and 'data-testid="claims-ever">2<' in html


def test_a_bad_project_is_refused_in_chinese_and_nothing_is_written(client_as, places, clock):
    wish_categories_ensure()
    client = client_as("community_secretary")
    refused = client.post(
        "/volunteering/projects/",
        {
            "title": "x",
            "area": places.estate.pk,
            "hours": "2",
            "capacity": "2",
            "raised_from": "NOPE-1",
            "idempotency_key": "p-2",
        },
    )
    assert refused.status_code == 400 and "您的辖区内没有这件诉求" in refused.content.decode()
    assert not Case.objects.filter(title="x").exists()


def test_only_staff_publish_projects(client_as):
    assert client_as("resident").get("/volunteering/projects/").status_code in (403, 404)
    assert client_as("volunteer").post("/volunteering/projects/", {}).status_code in (403, 404)
