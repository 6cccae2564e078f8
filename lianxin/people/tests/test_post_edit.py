"""Editing a post's terms on its page (full time, sent down, source, staffing type, duties, employer)."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.roles import PostSource, Role, StaffingType

pytestmark = pytest.mark.django_db


def _grid_post(cast):
    return Post.objects.get(person=cast.grid_worker.person, role=Role.GRID_WORKER)


def test_the_community_secretary_sets_the_terms_of_a_post_and_the_holders_employer(client_as, cast, world):
    post = _grid_post(cast)
    employer = Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER,
        name="巨川物流",
        area=world.communities[0],
        area_path=world.communities[0].path,
    )
    client = client_as("community_secretary")
    form = client.get(f"/people/posts/{post.pk}/edit/")
    assert form.status_code == 200 and "巨川物流" in form.content.decode()
    response = client.post(
        f"/people/posts/{post.pk}/edit/",
        {
            "is_full_time": "on",
            "source": PostSource.COMMUNITY_WORKER,
            "staffing_type": StaffingType.HIRED_FULL_TIME,
            "duties": "入户走访、信息采集",
            "employer": employer.pk,
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_full_time and post.source == PostSource.COMMUNITY_WORKER
    assert post.staffing_type == StaffingType.HIRED_FULL_TIME and post.duties == "入户走访、信息采集"
    assert post.person.employer == employer
    assert AuditRecord.objects.filter(
        object_type__icontains="post", object_id=str(post.pk), actor_name="community_secretary"
    ).exists()
    html = client.get(f"/people/{post.person_id}/").content.decode()
    assert "入户走访、信息采集" in html


def test_a_bad_end_date_is_a_400_and_a_courier_may_not_edit(client_as, cast):
    post = _grid_post(cast)
    response = client_as("community_secretary").post(
        f"/people/posts/{post.pk}/edit/", {"end_date": "1990-01-01"}
    )
    assert response.status_code == 400
    post.refresh_from_db()
    assert post.end_date is None
    assert client_as("courier").post(f"/people/posts/{post.pk}/edit/", {"duties": "x"}).status_code == 403
    assert client_as("resident").get(f"/people/posts/{post.pk}/edit/").status_code == 404


def test_the_community_secretary_gives_a_grid_worker_duty_roles_and_the_all_round_mark(client_as, cast):
    """P000-27, P001-28: duty roles and 全科网格员 are set on the post's page, and routing reads them."""
    from lianxin.cases.models.enums import DutyRole
    from lianxin.core.errors_domain import DomainError
    from lianxin.people.posts import post_update

    post = _grid_post(cast)
    client = client_as("community_secretary")
    assert "duty_roles" in client.get(f"/people/posts/{post.pk}/edit/").content.decode()

    response = client.post(
        f"/people/posts/{post.pk}/edit/",
        {"duty_roles": [DutyRole.MEDIATOR, DutyRole.HAZARD_CHECKER], "is_all_round": "on"},
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.duty_role_list == [DutyRole.HAZARD_CHECKER, DutyRole.MEDIATOR] and post.is_all_round
    assert client.post(f"/people/posts/{post.pk}/edit/", {"duty_roles": ["boss"]}).status_code == 400

    other = Post.objects.filter(role=Role.BUILDING_CAPTAIN).first()
    assert "duty_roles" not in client.get(f"/people/posts/{other.pk}/edit/").content.decode()
    with pytest.raises(DomainError):
        post_update(
            actor=cast.community_secretary,
            post=other,
            is_full_time=False,
            is_sent_down=False,
            duty_roles=[DutyRole.MEDIATOR],
        )
