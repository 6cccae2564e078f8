"""Letters, interviews, inspections and contact projects over the pages, the Excel and the API: the same
counts for the same user; refused input in Chinese with 4xx and nothing saved; out of scope 404."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image

from lianxin.people.models import Post
from lianxin.people.roles import Role
from lianxin.supervision.categories import task_categories_ensure
from lianxin.supervision.models import ContactProject, Finding, Letter, LetterKind
from lianxin.supervision.services.inspections import finding_add, inspection_record
from lianxin.supervision.services.letters import letter_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _categories():
    task_categories_ensure()


@pytest.fixture
def bureau(cast):
    return Post.objects.get(person=cast.dept_staff.person, role=Role.DEPARTMENT_STAFF).department


def _issue(cast, bureau, kind=LetterKind.ASSIGNMENT, title="交办事项"):
    return letter_issue(
        cast.county_admin, kind=kind, unit=bureau, title=title, content="内容", working_days=5
    )


def test_letters_page_api_and_excel_show_the_same_counts(cast, clock, bureau, client_as):
    _issue(cast, bureau)
    _issue(cast, bureau)
    _issue(cast, bureau, kind=LetterKind.REMINDER)
    for who in ("county_admin", "dept_staff"):
        client = client_as(who)
        answer = client.get("/api/v1/letters/?year=2026").json()
        assert answer["count"] == 3
        assert answer["figures"]["assignment"] == 2 and answer["figures"]["reminder"] == 1
        page = client.get("/supervision/letters/?year=2026")
        assert page.status_code == 200
        assert page.context["figures"]["total"] == 3 and len(page.context["rows"]) == 3
        sheet = load_workbook(
            io.BytesIO(client.get("/supervision/letters/?year=2026&format=xlsx").content)
        ).active
        assert sheet.max_row - 1 == 3
    # Another year: none.
    assert client_as("county_admin").get("/api/v1/letters/?year=2025").json()["count"] == 0
    # A resident sees none and may not open the page.
    assert client_as("resident").get("/api/v1/letters/").json()["count"] == 0
    assert client_as("resident").get("/supervision/letters/").status_code == 403


def test_the_unit_signs_and_replies_over_the_api_and_the_word_file(cast, clock, bureau, client_as):
    letter = _issue(cast, bureau)
    staff = client_as("dept_staff")
    assert staff.get("/api/v1/letters/?pending=acknowledge").json()["count"] == 1
    answer = staff.post(f"/api/v1/letters/{letter.pk}/acknowledge").json()
    assert answer["acknowledged_at"] and answer["status"] == "已签收"
    answer = staff.post(f"/api/v1/letters/{letter.pk}/reply", {"reply": ""}, content_type="application/json")
    assert answer.status_code == 400
    answer = staff.post(
        f"/api/v1/letters/{letter.pk}/reply", {"reply": "已办结"}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["reply"] == "已办结"
    word = staff.get(f"/api/v1/letters/{letter.pk}/docx")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "交办〔2026〕1号" in text and "工作交办单" in text
    # Out of scope: a community secretary does not see the bureau's letter.
    assert client_as("community_secretary").get(f"/api/v1/letters/{letter.pk}").status_code == 404


def test_issuing_over_the_api_refuses_a_street_investment_task_in_chinese(cast, clock, client_as, places):
    from lianxin.people.models import Department

    street_office = Department.objects.filter(area=places.street).first()
    if street_office is None:
        pytest.skip("no street department in the small world")
    answer = client_as("county_admin").post(
        "/api/v1/letters/",
        {
            "kind": "assignment",
            "department_id": street_office.pk,
            "title": "招商引资",
            "content": "完成招商任务",
            "working_days": 5,
            "category": "task_investment_assignment",
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "街道不承担招商引资、协税护税任务" in answer.json()["error"]["message"]
    assert not Letter.objects.exists()


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "after.jpg"
    return buffer


def test_a_finding_becomes_an_assignment_sheet_and_closes_only_with_a_photo(
    cast, clock, bureau, places, client_as, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    inspection = inspection_record(
        cast.county_admin,
        area=places.street,
        group_name="县委专项督导组",
        held_on=date(2026, 11, 30),
        place="和谐家园",
        unannounced=True,
    )
    finding = finding_add(
        cast.county_admin,
        inspection=inspection,
        description="台账重复报送",
        formalism=True,
        unit=bureau,
        working_days=5,
    )
    assert finding.letter.kind == LetterKind.ASSIGNMENT and finding.letter.case.handler_department == bureau
    staff = client_as("dept_staff")
    refused = staff.post(f"/api/v1/inspections/findings/{finding.pk}/close")
    assert refused.status_code == 400 and "整改照片" in refused.json()["error"]["message"]
    finding.refresh_from_db()
    assert finding.closed_at is None
    closed = staff.post(f"/api/v1/inspections/findings/{finding.pk}/close", {"photo": _photo()})
    assert closed.status_code == 200 and closed.json()["closed_at"] and closed.json()["has_evidence"]
    answer = client_as("county_admin").get("/api/v1/inspections/?year=2026").json()
    assert answer["count"] == 1
    assert answer["figures"] == {
        "inspections": 1,
        "unannounced": 1,
        "findings": 1,
        "formalism": 1,
        "closed": 1,
        "overdue": 0,
    }
    page = client_as("county_admin").get("/supervision/inspections/?year=2026")
    assert page.context["figures"]["findings"] == 1
    assert Finding.objects.get().evidence


def test_a_contact_project_needs_its_three_people(cast, clock, bureau, places, client_as):
    answer = client_as("county_admin").post(
        "/api/v1/contact-projects/",
        {
            "kind": "project",
            "name": "老旧小区改造",
            "leader_id": cast.county_admin.person_id,
            "responsible_id": cast.community_secretary.person_id,
            "lead_department_id": bureau.pk,
            "street_id": places.street.pk,
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == "包联项目缺少：联系人"
    assert not ContactProject.objects.exists()


def test_each_unit_sees_the_project_a_community_logs_a_problem_the_bureau_solves_it(
    cast, clock, bureau, places, client_as
):
    admin = client_as("county_admin")
    created = admin.post(
        "/api/v1/contact-projects/",
        {
            "kind": "project",
            "name": "老旧小区改造",
            "leader_id": cast.county_admin.person_id,
            "contact_id": cast.dept_staff.person_id,
            "responsible_id": cast.community_secretary.person_id,
            "lead_department_id": bureau.pk,
            "street_id": places.street.pk,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    for who in ("dept_staff", "street_secretary", "community_secretary"):
        assert client_as(who).get("/api/v1/contact-projects/").json()["count"] == 1, who
    problem = client_as("community_secretary").post(
        f"/api/v1/contact-projects/{pk}/problems",
        {"area_id": places.community.pk, "title": "施工围挡占用消防通道"},
        content_type="application/json",
    )
    assert problem.status_code == 201, problem.content
    from lianxin.supervision.models import ProjectProblem
    from lianxin.supervision.services.projects import problem_solve, problem_take_up

    row = ProjectProblem.objects.get()
    assert row.case.handler_department == bureau
    problem_take_up(cast.dept_staff, problem=row)
    problem_solve(cast.dept_staff, problem=row, note="已协调")
    row.refresh_from_db()
    assert row.solved_at is not None
    answer = client_as("county_admin").get("/api/v1/contact-projects/?year=2026").json()
    assert answer["problems"]["solved"] == 1 and answer["problems"]["solved_by_area"][0]["solved"] == 1
    page = client_as("county_admin").get("/supervision/contact-projects/?year=2026")
    assert page.context["problems"]["solved"] == 1
    assert client_as("resident").get(f"/api/v1/contact-projects/{pk}/visits").status_code == 404
