"""Education (P002-41, P002-49, P002-50, P002-51, P002-52): sessions of configurable kinds with participants
and scores, counted per kind, year and area; a five-year plan with an annual plan and a class, enrolments,
attendance and evaluations; a teaching point and a local teacher linked to a course; person-times and
distinct persons; funds by source. Page, API and export show the same numbers."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Place
from lianxin.core.errors_domain import DomainError
from lianxin.education import selectors, services
from lianxin.education.models import SessionKind, TeachingPoint
from lianxin.people.models import Person
from lianxin.volunteering.models import Course, Trainer

pytestmark = pytest.mark.django_db


def _people(places, n, prefix="学员"):
    people = []
    for i in range(n):
        p = Person(name=f"{prefix}{i:02d}")
        p.set_area(places.estate)
        p.save()
        people.append(p)
    return people


@pytest.fixture
def secretary(cast):
    return cast.community_secretary


def test_sessions_by_kind_with_scores_and_the_same_counts_everywhere(secretary, places, client_as):
    checkup = SessionKind.objects.get(code="party_checkup")
    test_kind = SessionKind.objects.get(code="knowledge_test")
    assert (
        SessionKind.objects.filter(
            name__in=["红色电影", "宣讲", "主题党日", "暖新服务月", "红色沙龙"]
        ).count()
        == 5
    )
    people = _people(places, 6)
    s1 = services.session_record(
        secretary,
        kind=checkup,
        title="第1批党性体检",
        held_on=date(2026, 3, 5),
        area=places.community,
        batch="第1批",
    )
    s2 = services.session_record(
        secretary, kind=checkup, title="第2批党性体检", held_on=date(2026, 6, 5), area=places.community
    )
    quiz = services.session_record(
        secretary, kind=test_kind, title="发展党员知识测试", held_on=date(2026, 9, 1), area=places.community
    )
    old = services.session_record(
        secretary, kind=checkup, title="去年的体检", held_on=date(2025, 6, 5), area=places.community
    )
    for p in people[:4]:
        services.session_participant_add(secretary, session=s1, person=p)
    for p in people[2:5]:
        services.session_participant_add(secretary, session=s2, person=p)
    services.session_participant_add(secretary, session=quiz, person=people[0], score="92.5", passed=True)
    services.session_participant_add(secretary, session=quiz, person=people[1], score=58, passed=False)
    services.session_participant_add(secretary, session=old, person=people[5])
    with pytest.raises(DomainError):
        services.session_participant_add(secretary, session=quiz, person=people[2], score=101)
    quiz.activity.refresh_from_db()
    assert quiz.activity.participants == 2 and quiz.activity.kind == "education"
    rows = {
        r["kind"].code: r
        for r in selectors.sessions_by_kind(selectors.sessions_for(user=secretary, year=2026))
    }
    assert (rows["party_checkup"]["sessions"], rows["party_checkup"]["person_times"]) == (2, 7)
    assert rows["knowledge_test"]["sessions"] == 1
    staff = client_as("community_secretary")
    api = staff.get("/api/v1/education-sessions/?year=2026").json()
    assert api["count"] == 3 and api["participants"] == 9
    assert {k["kind"]: k["sessions"] for k in api["by_kind"]}["party_checkup"] == 2
    page = staff.get("/education/sessions/?year=2026")
    assert page.status_code == 200 and page.context["count"] == 3
    export = staff.get("/education/sessions/export.xlsx?year=2026")
    rows_x = list(
        load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(min_row=2, values_only=True)
    )
    assert len(rows_x) == 3 and sum(r[5] for r in rows_x) == 9
    detail = staff.get(f"/api/v1/education-sessions/{quiz.pk}").json()
    assert sorted(r["score"] for r in detail["results_list"]) == [58.0, 92.5]
    # Volume for 2026: 9 session person-times by 5 distinct persons.
    v = selectors.training_volume(user=secretary, since=date(2026, 1, 1), until=date(2026, 12, 31))
    assert (v.person_times, v.distinct_persons) == (9, 5)
    # Out of scope 404, residents refused the console.
    assert client_as("resident").get(f"/api/v1/education-sessions/{quiz.pk}").status_code == 404
    assert client_as("resident").get("/education/").status_code == 403


def test_plans_classes_enrolment_attendance_evaluation_library_and_funds(secretary, cast, places, client_as):
    five = services.training_plan_create(
        secretary,
        area=places.community,
        kind="five_year",
        title="2026—2030年党员教育培训规划",
        year_from=2026,
    )
    assert five.year_to == 2030
    annual = services.training_plan_create(
        secretary, area=places.community, kind="annual", title="2026年度培训计划", year_from=2026, parent=five,  # noqa: E501
        target_person_times=200,
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.training_plan_create(
            secretary, area=places.community, kind="annual", title="错年", year_from=2031, parent=five
        )
    assert refused.value.field == "parent"
    # The library: a place designated 现场教学点, a course, a 土专家 teaching there.
    place = Place.objects.create(
        name="梧桐里红色教育基地", area=places.community, area_path=places.community.path
    )
    point = services.teaching_point_designate(secretary, place=place, theme="红色教育")
    assert place.designations.filter(name="现场教学点").exists()
    teacher = services.local_teacher_add(
        secretary,
        name="王老汉",
        area=places.community,
        kind="local_expert",
        speciality="果树种植",
        teaching_points=[point],
    )
    course = Course.objects.create(title="党史中的基层治理", area=places.community, trainer=teacher.trainer)
    point.courses.add(course)
    assert TeachingPoint.objects.get(pk=point.pk).teachers.get().trainer.name == "王老汉"
    assert Trainer.objects.get(pk=teacher.trainer_id).courses.get() == course
    klass = services.training_class_create(
        secretary, plan=annual, title="两委干部培训班", starts_on=date(2026, 5, 11), ends_on=date(2026, 5, 13),  # noqa: E501
        audience="committees", courses=[course], teaching_point=point,
    )  # fmt: skip
    assert klass.days == 3
    people = _people(places, 4, "干部")
    enrolments = [services.enrolment_add(secretary, training_class=klass, person=p) for p in people]
    with pytest.raises(DomainError) as again:
        services.enrolment_add(secretary, training_class=klass, person=people[0])
    assert again.value.code == "invalid_state"
    for e, days in zip(enrolments, [3, 3, 2, 0], strict=True):
        services.attendance_record(secretary, enrolment=e, days_attended=days)
    with pytest.raises(DomainError):
        services.attendance_record(secretary, enrolment=enrolments[0], days_attended=4)
    services.evaluation_record(secretary, enrolment=enrolments[0], course=course, score=5)
    services.evaluation_record(secretary, enrolment=enrolments[1], course=course, score=4)
    with pytest.raises(DomainError):
        services.evaluation_record(secretary, enrolment=enrolments[1], course=course, score=3)
    f = selectors.class_figures(klass)
    assert (f["enrolled"], f["completed"], f["attendance"], f["evaluation_avg"]) == (4, 2, 66.7, 4.5)
    staff = client_as("community_secretary")
    api = staff.get(f"/api/v1/training-classes/{klass.pk}").json()
    assert (api["enrolled"], api["attendance"], api["evaluation_avg"]) == (4, 66.7, 4.5)
    assert staff.get("/api/v1/training-plans/").json()["count"] == 2
    page = staff.get(f"/education/classes/{klass.pk}/")
    assert page.status_code == 200 and "66.7%" in page.content.decode()
    # Funds by source, person-times (3 attended the class) and distinct persons.
    services.fund_record(
        secretary, area=places.community, year=2026, source="budget", yuan="12000", plan=annual
    )
    services.fund_record(secretary, area=places.community, year=2026, source="party_dues", yuan="3500.50")
    with pytest.raises(DomainError):
        services.fund_record(secretary, area=places.community, year=2026, source="lottery", yuan="1")
    figures = staff.get(
        f"/api/v1/training-figures/?area_id={places.community.pk}&since=2026-01-01&until=2026-12-31"
    ).json()
    assert (figures["class_person_times"], figures["distinct_persons"]) == (3, 3)
    assert {r["source"]: Decimal(r["yuan"]) for r in figures["funds"]} == {
        "budget": Decimal("12000.00"), "party_dues": Decimal("3500.50"), "other": Decimal("0.00"),
    }  # fmt: skip
    console = staff.get(f"/education/?year=2026&area={places.community.pk}")
    assert console.status_code == 200
    assert console.context["volume"].person_times == figures["person_times"]
    assert console.context["funds_total"] == Decimal("15500.50")
    export = staff.get("/education/funds/export.xlsx?year=2026")
    rows = list(
        load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(min_row=2, values_only=True)
    )
    assert sum(Decimal(str(r[3])) for r in rows) == Decimal("15500.50")
    library = staff.get("/education/library/")
    assert "王老汉" in library.content.decode() and "梧桐里红色教育基地" in library.content.decode()
    del cast
