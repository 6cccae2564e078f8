"""The reporter's steps: rate the result (satisfied / basically satisfied / unsatisfied with a note) and
reopen a closed case within the window."""

import pytest
from django.conf import settings

from lianxin.cases import services
from lianxin.cases.models import Rating, State
from lianxin.cases.tests.pages import handled_stair_light, post_step, steps_shown, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(cast, places, clock):
    case = handled_stair_light(cast, places)
    services.case_verify(cast.community_secretary, case=case, passed=True)
    return case


def test_the_resident_rates_satisfied_and_the_case_closes(client_as, verified):
    client = client_as("resident")
    assert "rate" in steps_shown(text(client.get(f"/cases/{verified.pk}/")))

    post_step(client, verified, "rate", rating=Rating.SATISFIED, note="很快")
    verified.refresh_from_db()
    assert verified.state == State.CLOSED and verified.rating == Rating.SATISFIED


def test_unsatisfied_needs_a_note_and_sends_the_case_back(client_as, verified):
    client = client_as("resident")
    refused = post_step(client, verified, "rate", rating=Rating.UNSATISFIED, note="")
    assert refused.status_code == 400 and "请说明不满意的地方。" in text(refused)

    post_step(client, verified, "rate", rating=Rating.UNSATISFIED, note="灯还是时亮时不亮")
    verified.refresh_from_db()
    assert verified.state == State.IN_PROGRESS


def test_only_the_reporter_rates(client_as, verified):
    assert "rate" not in steps_shown(text(client_as("grid_worker").get(f"/cases/{verified.pk}/")))
    assert post_step(client_as("grid_worker"), verified, "rate", rating=Rating.SATISFIED).status_code == 403


def test_the_resident_reopens_within_the_window_and_not_after(client_as, cast, verified, clock):
    services.case_rate(cast.resident, case=verified, rating=Rating.BASIC)
    client = client_as("resident")
    assert "reopen" in steps_shown(text(client.get(f"/cases/{verified.pk}/")))

    clock.advance(days=settings.LIANXIN_REOPEN_DAYS + 1)
    late = post_step(client, verified, "reopen", reason="又坏了")
    assert late.status_code == 409 and "天内才能重新办理" in text(late)

    clock.advance(days=-(settings.LIANXIN_REOPEN_DAYS))
    post_step(client, verified, "reopen", reason="又坏了")
    verified.refresh_from_db()
    assert verified.state == State.IN_PROGRESS and verified.reopen_count == 1


def test_rating_choices_are_the_three_of_the_platform(client_as, verified):
    html = text(client_as("resident").get(f"/cases/{verified.pk}/"))

    for value in Rating.values:
        assert f'name="rating" value="{value}"' in html
