"""Issuing a task (supervision.services.tasks.task_issue): the one way issue 22's apps make tracked tasks."""

from datetime import datetime

import pytest

from lianxin.cases.models import Kind, State
from lianxin.core.errors_domain import DomainError
from lianxin.supervision.categories import ROOTS, task_categories_ensure
from lianxin.supervision.services.tasks import task_issue
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _categories():
    task_categories_ensure()


def test_a_task_is_due_after_working_days_and_goes_to_the_handler_named(cast, places, clock):
    case = task_issue(
        cast.community_secretary,
        category="task_governance_decision",
        area=places.estate,
        title="停车管理：划定临时停车位",
        handler={"person": cast.grid_worker.person},
        working_days=15,
    )

    assert case.kind == Kind.TASK and case.state == State.DISPATCHED
    assert case.handler_person == cast.grid_worker.person
    # Monday 2026-11-30 10:00 plus 15 working days: Monday 2026-12-21 10:00.
    assert case.handle_due == datetime(2026, 12, 21, 10, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize("root", ["task_investment", "task_tax"])
def test_a_street_is_not_given_investment_or_tax_tasks(cast, places, clock, root):
    with pytest.raises(DomainError) as refused:
        task_issue(cast.county_admin, category=f"{root}_key", area=places.street, title="招商引资任务")
    assert refused.value.field == "category"
    assert "街道不承担招商引资、协税护税任务" in str(refused.value.message)


def test_a_street_takes_party_building_tasks(cast, places, clock):
    case = task_issue(cast.county_admin, category="task_party_key", area=places.street, title="党建重点任务")
    assert case.kind == Kind.TASK


def test_the_five_headings_are_seeded_with_their_children():
    from lianxin.cases.models import Category

    for code, name in ROOTS:
        root = Category.objects.get(code=code)
        assert root.name == name and root.kind == Kind.TASK
        assert Category.objects.filter(code__startswith=f"{code}_", kind=Kind.TASK).count() == 5
