"""Seeing a full number: only for posts that need it, with a reason, logged (who, whose, when, why)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person, PersonalDataView
from lianxin.people.services.persons import person_reveal

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(world):
    return (
        Person.objects.filter(area_path__startswith=world.estates[0].path, household__isnull=False)
        .exclude(mobile_index="")
        .exclude(id_number_index="")
        .order_by("id")
        .first()
    )


def test_the_grid_worker_sees_the_full_number_with_a_reason_and_the_view_is_logged(cast, neighbour):
    before = timezone.now()

    value = person_reveal(
        actor=cast.grid_worker, person=neighbour, field="mobile", reason="回访漏水报修", ip="10.0.0.8"
    )

    assert value == neighbour.mobile
    view = PersonalDataView.objects.get()
    assert (view.viewer, view.person, view.field, view.reason, view.ip) == (
        cast.grid_worker,
        neighbour,
        "mobile",
        "回访漏水报修",
        "10.0.0.8",
    )
    assert view.at >= before


def test_the_id_number_can_be_opened_too(cast, neighbour):
    value = person_reveal(
        actor=cast.community_secretary, person=neighbour, field="id_number", reason="核对低保"
    )

    assert value == neighbour.id_number
    assert PersonalDataView.objects.filter(field="id_number", viewer=cast.community_secretary).count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required_and_nothing_is_logged_without_one(cast, neighbour, reason):
    with pytest.raises(DomainError) as error:
        person_reveal(actor=cast.grid_worker, person=neighbour, field="mobile", reason=reason)

    assert error.value.field == "reason"
    assert not PersonalDataView.objects.exists()


@pytest.mark.parametrize("username", ["building_captain", "courier", "volunteer", "dept_staff", "sysadmin"])
def test_posts_that_do_not_need_full_numbers_are_refused(cast, neighbour, username):
    with pytest.raises(PermissionDenied):
        person_reveal(actor=cast[username], person=neighbour, field="mobile", reason="想看看")

    assert not PersonalDataView.objects.exists()


def test_a_worker_of_another_estate_is_refused(cast, world):
    stranger = (
        Person.objects.filter(area_path__startswith=world.estates[1].path).exclude(mobile_index="").first()
    )

    with pytest.raises(PermissionDenied):
        person_reveal(actor=cast.grid_worker, person=stranger, field="mobile", reason="回访")


def test_only_the_numbers_can_be_opened(cast, neighbour):
    with pytest.raises(DomainError):
        person_reveal(actor=cast.grid_worker, person=neighbour, field="name", reason="回访")


def test_the_form_is_offered_only_to_those_who_may_use_it(client_as, cast, neighbour):
    assert (
        'data-testid="reveal-form"'
        in client_as("grid_worker").get(f"/people/{neighbour.pk}/").content.decode()
    )
    for username in ("building_captain", "courier"):
        html = client_as(username).get(f"/people/{neighbour.pk}/").content.decode()
        assert 'data-testid="reveal-form"' not in html, username


def test_the_page_shows_the_full_number_once_then_masked_again(client_as, neighbour):
    client = client_as("grid_worker")

    response = client.post(f"/people/{neighbour.pk}/reveal/", {"field": "mobile", "reason": "回访"})

    assert response.status_code == 200
    assert neighbour.mobile in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    again = client.get(f"/people/{neighbour.pk}/").content.decode()
    assert neighbour.mobile not in again
    assert PersonalDataView.objects.filter(person=neighbour).count() == 1


def test_the_page_refuses_without_permission_with_403_and_logs_nothing(client_as, neighbour):
    response = client_as("building_captain").post(
        f"/people/{neighbour.pk}/reveal/", {"field": "mobile", "reason": "回访"}
    )

    assert response.status_code == 403
    assert neighbour.mobile not in response.content.decode()
    assert not PersonalDataView.objects.exists()


def test_the_page_asks_for_a_reason_with_400_and_keeps_the_number_masked(client_as, neighbour):
    response = client_as("grid_worker").post(
        f"/people/{neighbour.pk}/reveal/", {"field": "mobile", "reason": ""}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="reveal-error"' in html
    assert neighbour.mobile not in html
    assert not PersonalDataView.objects.exists()


def test_the_reveal_is_post_only_and_outside_the_scope_is_404(client_as, world, neighbour):
    stranger = Person.objects.filter(area_path__startswith=world.estates[1].path).first()
    client = client_as("grid_worker")

    assert client.get(f"/people/{neighbour.pk}/reveal/").status_code == 405
    assert (
        client.post(f"/people/{stranger.pk}/reveal/", {"field": "mobile", "reason": "x"}).status_code == 404
    )


def test_the_log_records_the_address_the_request_came_from(client_as, neighbour):
    client_as("grid_worker").post(
        f"/people/{neighbour.pk}/reveal/",
        {"field": "id_number", "reason": "核对身份"},
        REMOTE_ADDR="192.0.2.7",
    )

    assert PersonalDataView.objects.get().ip == "192.0.2.7"
