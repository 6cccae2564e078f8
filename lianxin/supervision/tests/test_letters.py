"""Letters to units (P001-10, P004-58) and scenario 4's second half: a 交办单 to the housing bureau, 签收 on
day one, overdue at the deadline, one 提醒函 however often the overdue run repeats."""

from datetime import datetime

import pytest

from lianxin.cases.models import State
from lianxin.cases.services.timers import cases_mark_overdue
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Post
from lianxin.people.roles import Role
from lianxin.supervision.categories import task_categories_ensure
from lianxin.supervision.models import Interview, Letter, LetterKind
from lianxin.supervision.services.letters import (
    interview_acknowledge,
    interview_record,
    letter_acknowledge,
    letter_issue,
    letter_reply,
)
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _categories():
    task_categories_ensure()


@pytest.fixture
def bureau(cast):
    return Post.objects.get(person=cast.dept_staff.person, role=Role.DEPARTMENT_STAFF).department


def test_scenario_4_assignment_sheet_acknowledged_overdue_one_reminder(cast, clock, bureau):
    letter = letter_issue(
        cast.county_admin,
        kind=LetterKind.ASSIGNMENT,
        unit=bureau,
        title="老旧小区改造进度滞后",
        content="请于5个工作日内完成和谐家园雨污分流改造并书面反馈。",
        working_days=5,
    )
    assert letter.number == 1 and letter.number_label == "交办〔2026〕1号"
    assert letter.case.handler_department == bureau
    assert letter.case.handle_due == datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI)

    clock.set(datetime(2026, 11, 30, 15, 0, tzinfo=SHANGHAI))  # day 1
    letter = letter_acknowledge(cast.dept_staff, letter=letter)
    assert letter.acknowledged_at == datetime(2026, 11, 30, 15, 0, tzinfo=SHANGHAI)
    assert letter.acknowledged_by == cast.dept_staff
    letter.case.refresh_from_db()
    assert letter.case.state == State.IN_PROGRESS

    clock.set(datetime(2026, 12, 7, 9, 59, tzinfo=SHANGHAI))
    cases_mark_overdue()
    assert not Letter.objects.filter(kind=LetterKind.REMINDER).exists()

    # Due Monday 12-07 10:00: the five-minute run just after it marks the sheet overdue.
    clock.set(datetime(2026, 12, 7, 10, 5, tzinfo=SHANGHAI))
    cases_mark_overdue()
    letter.case.refresh_from_db()
    assert letter.case.handle_overdue
    reminders = Letter.objects.filter(kind=LetterKind.REMINDER)
    assert reminders.count() == 1
    reminder = reminders.get()
    assert reminder.about == letter and reminder.automatic and reminder.department == bureau
    assert reminder.number_label == "提醒〔2026〕1号"

    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=SHANGHAI))
    cases_mark_overdue()
    cases_mark_overdue()
    assert Letter.objects.filter(kind=LetterKind.REMINDER).count() == 1

    # The unit acknowledges the reminder too, and replies to the sheet.
    assert letter_acknowledge(cast.dept_staff, letter=reminder).acknowledged_at is not None
    letter = letter_reply(cast.dept_staff, letter=letter, reply="已完成改造，附验收单。")
    assert letter.replied_at is not None and letter.reply == "已完成改造，附验收单。"
    letter.case.refresh_from_db()
    assert letter.case.state == State.HANDLED


def test_running_numbers_per_kind_and_year(cast, clock, bureau):
    kinds = [LetterKind.ASSIGNMENT, LetterKind.REMINDER, LetterKind.ASSIGNMENT]
    letters = [
        letter_issue(cast.county_admin, kind=k, unit=bureau, title=f"第{i}份", content="内容", working_days=3)
        for i, k in enumerate(kinds)
    ]
    assert [x.number_label for x in letters] == ["交办〔2026〕1号", "提醒〔2026〕1号", "交办〔2026〕2号"]


def test_only_the_units_staff_acknowledge(cast, clock, bureau):
    letter = letter_issue(
        cast.county_admin,
        kind=LetterKind.REMINDER,
        unit=bureau,
        title="提醒",
        content="请加快",
        working_days=3,
    )
    with pytest.raises(DomainError) as refused:
        letter_acknowledge(cast.community_secretary, letter=letter)
    assert refused.value.code == "forbidden"
    letter.refresh_from_db()
    assert letter.acknowledged_at is None


def test_a_resident_cannot_issue_and_nothing_is_saved(cast, clock, bureau):
    with pytest.raises(DomainError) as refused:
        letter_issue(
            cast.resident, kind=LetterKind.ASSIGNMENT, unit=bureau, title="x", content="y", working_days=3
        )
    assert refused.value.code == "forbidden"
    assert not Letter.objects.exists()


def test_bad_working_days_refused_in_chinese(cast, clock, bureau):
    with pytest.raises(DomainError) as refused:
        letter_issue(
            cast.county_admin,
            kind=LetterKind.ASSIGNMENT,
            unit=bureau,
            title="x",
            content="y",
            working_days="abc",
        )
    assert refused.value.field == "working_days"
    assert not Letter.objects.exists()


def test_interview_recorded_and_acknowledged_by_the_unit(cast, clock, bureau):
    interview = interview_record(
        cast.county_admin,
        unit=bureau,
        held_on=datetime(2026, 11, 30).date(),
        participants="王建国、黄海涛",
        subject="红色物业工作滞后约谈",
    )
    with pytest.raises(DomainError):
        interview_acknowledge(cast.community_secretary, interview=interview)
    interview = interview_acknowledge(cast.dept_staff, interview=interview)
    assert interview.acknowledged_by == cast.dept_staff
    assert Interview.objects.restrict(cast.dept_staff).filter(pk=interview.pk).exists()
