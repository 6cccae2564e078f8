"""Acceptance of a task by the level that issued it (验收, issue 20 item 4): after handling, the issuer (or
the staff of his level, not the levels above, not the handler) accepts the result, which closes the task,
or sends it back to handling with the reason. Service, API and page."""

import pytest

from lianxin.cases import services
from lianxin.cases.engine import case_differences
from lianxin.cases.models import Action, Case, Category, HandlingLevel, Kind, State
from lianxin.cases.tests.pages import post_step
from lianxin.cases.transitions import allowed_steps
from lianxin.core.errors_domain import DomainError
from lianxin.notifications.models import Outbox
from tests.api.conftest import api_as  # noqa: F401  (the API client fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(cast, places, clock) -> Case:
    """The community issues a task for the grid worker's estate; it goes to the grid worker, who does it."""
    values = {"code": "flood_check", "name": "汛前隐患排查", "kind": Kind.TASK}
    category = Category.objects.add_root({**values, "first_level": HandlingLevel.ESTATE})
    case = services.case_report(
        cast.community_secretary, category=category, area=places.estate, description="本周内排查小区积水点"
    )
    assert case.handler_person_id == cast.grid_worker.person_id
    assert case.issuer_path == places.community.path
    services.case_take(cast.grid_worker, case=case)
    services.case_handle(cast.grid_worker, case=case, note="已排查 3 处积水点")
    case.refresh_from_db()
    return case


def test_the_issuing_level_accepts_a_task_and_it_closes(cast, task):
    assert "verify" in allowed_steps(cast.community_secretary, task)
    # Not the handler, not a level above the issuer, not a resident; a task is never rated.
    for other in ("grid_worker", "street_secretary", "resident"):
        assert not {"verify", "rate"} & set(allowed_steps(cast[other], task)), other
    with pytest.raises(DomainError) as refused:
        services.case_verify(cast.street_secretary, case=task, passed=True)
    assert refused.value.code == "forbidden" and "下达任务" in str(refused.value.message)

    services.case_verify(cast.community_secretary, case=task, passed=True, note="排查到位")
    task.refresh_from_db()
    assert task.state == State.CLOSED and task.rating == ""
    assert [e.action for e in task.events.order_by("seq")][-2:] == [Action.VERIFY, Action.CLOSE]
    assert case_differences(task) == {}


def test_a_task_not_accepted_goes_back_to_handling_with_the_reason(cast, task):
    with pytest.raises(DomainError) as no_reason:
        services.case_verify(cast.community_secretary, case=task, passed=False)
    assert no_reason.value.field == "note"

    services.case_verify(cast.community_secretary, case=task, passed=False, note="东门积水点未排查")
    task.refresh_from_db()
    assert task.state == State.IN_PROGRESS and task.handler_person_id == cast.grid_worker.person_id
    assert task.events.order_by("-seq").first().note == "东门积水点未排查"
    services.case_handle(cast.grid_worker, case=task, note="东门积水点已排查")
    services.case_verify(cast.community_secretary, case=task, passed=True)
    task.refresh_from_db()
    assert task.state == State.CLOSED and task.reopen_count == 1
    assert case_differences(task) == {}


def test_the_issuer_is_told_to_accept_and_accepts_on_the_page_and_through_the_api(
    api_as,  # noqa: F811
    client_as,
    cast,
    task,
):
    notice = Outbox.objects.filter(case=task, verb="case_handled").latest("id")
    assert notice.title.startswith("任务") and "验收" in notice.title
    client = client_as("community_secretary")
    page = client.get(f"/cases/{task.pk}/").content.decode()
    assert "验收" in page and "通过验收" in page

    post_step(client, task, "verify", passed="no", note="台账未上传")
    task.refresh_from_db()
    assert task.state == State.IN_PROGRESS
    services.case_handle(cast.grid_worker, case=task, note="台账已上传")
    body = api_as("community_secretary").post(
        f"/api/v1/cases/{task.pk}/verify", {"passed": True}, content_type="application/json"
    )
    assert body.status_code == 200 and body.json()["state"] == State.CLOSED
