"""A registered unit's party head given a community post (P001-42, docs/volunteering.md "单位报到"): the
community's secretary makes him a part-time member of the community's committee from the unit's page or the
API, through the appointment service; the post shows on the unit's page and in the API, and counts for the
committee's part-time members. Refused: before approval, by those who do not appoint, twice, other posts."""

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Post
from lianxin.people.roles import Role
from lianxin.volunteering import services
from lianxin.volunteering.models import UnitRegistration
from lianxin.volunteering.services.common import community_party_org
from lianxin.volunteering.services.registrations import unit_head_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(cast, community, unit_org) -> UnitRegistration:
    secretary = cast.community_secretary
    registration = services.unit_register(
        secretary, unit_org=unit_org, unit_type="organ", community=community, head=unit_org.head
    )
    return services.unit_registration_approve(secretary, registration=registration)


def test_the_secretary_makes_the_head_a_part_time_committee_member(cast, community, registration):
    committee = community_party_org(community)
    post = services.unit_head_appoint(cast.community_secretary, registration=registration)
    assert post.person == registration.head and post.role == Role.PART_TIME_COMMITTEE_MEMBER
    assert post.party_org == committee and post.area_path == committee.area_path
    assert registration.unit_org.name in post.duties
    assert list(unit_head_posts(registration)) == [post]
    with pytest.raises(DomainError) as twice:
        services.unit_head_appoint(cast.community_secretary, registration=registration)
    assert twice.value.code == "exists"
    assert Post.objects.filter(person=registration.head).count() == 1


def test_refused_before_approval_for_non_appointers_and_for_other_posts(cast, community, unit_org):
    secretary = cast.community_secretary
    pending = services.unit_register(
        secretary, unit_org=unit_org, unit_type="organ", community=community, head=unit_org.head
    )
    with pytest.raises(DomainError) as early:
        services.unit_head_appoint(secretary, registration=pending)
    assert early.value.code == "invalid_state"
    approved = services.unit_registration_approve(secretary, registration=pending)
    with pytest.raises(DomainError) as worker:
        services.unit_head_appoint(cast.grid_worker, registration=approved)
    assert worker.value.code == "forbidden"
    with pytest.raises(DomainError) as other:
        services.unit_head_appoint(secretary, registration=approved, role=Role.SECRETARY)
    assert other.value.field == "role"
    assert not Post.objects.filter(person=unit_org.head).exists()


def test_the_unit_page_appoints_the_head_and_shows_the_post(client_as, cast, registration):
    client = client_as("community_secretary")
    url = f"/volunteering/units/{registration.pk}/"
    listed = client.get("/volunteering/units/?status=").content.decode()
    assert f'href="{url}"' in listed
    page = client.get(url).content.decode()
    assert 'data-testid="head-post-form"' in page and 'data-testid="head-posts-count">0<' in page
    answer = client.post(url, {"role": Role.PART_TIME_COMMITTEE_MEMBER, "start_date": "", "duties": ""})
    assert answer.status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="head-posts-count">1<' in page
    assert 'data-testid="head-post-part_time_committee_member"' in page and "兼职委员" in page
    again = client.post(url, {"role": Role.PART_TIME_COMMITTEE_MEMBER})
    assert again.status_code == 400 and registration.head.name in again.content.decode()
    bad = client.post(url, {"role": "secretary"})
    assert bad.status_code == 400
    assert Post.objects.filter(person=registration.head).count() == 1


def test_the_api_appoints_and_shows_the_head_s_posts(client_as, registration):
    client = client_as("community_secretary")
    base = f"/api/v1/unit-registrations/{registration.pk}"
    assert client.get(base).json()["head_posts"] == []
    made = client.post(f"{base}/head-posts", {"role": "instructor"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["role"] == "instructor"
    body = client.get(base).json()
    assert [p["role"] for p in body["head_posts"]] == ["instructor"]
    assert body["head_posts"][0]["party_org_id"] == community_party_org(registration.community).pk
    refused = client.post(f"{base}/head-posts", {"role": "secretary"}, content_type="application/json")
    assert refused.status_code == 400


def test_others_read_or_are_refused(client_as, registration):
    url = f"/volunteering/units/{registration.pk}/"
    assert client_as("resident").get(url).status_code == 403
    worker = client_as("grid_worker")
    answer = worker.post(
        f"/api/v1/unit-registrations/{registration.pk}/head-posts",
        {"role": "instructor"},
        content_type="application/json",
    )
    assert answer.status_code in (403, 404)
    assert not Post.objects.filter(person=registration.head).exists()
