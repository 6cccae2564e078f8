"""Industry over the pages, the Excel and the API: the same counts for the same user (county_admin, the
township secretary, the task-force head); refused input in Chinese with 4xx and nothing saved; out of scope
404; and the routes as every demo role answers them (access_industry.py)."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Area, Level
from lianxin.core.access import ALL_ROLES
from lianxin.party.models.chains import IndustryChain
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.rural.access_industry import ACCESS
from lianxin.rural.demo_industry import BASE, SPECIALTY, chain_links_ensure
from lianxin.rural.models import Beneficiary, Brand, Park, Project
from tests.test_authorization_matrix import routes_requested_as, w  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(world):
    return Area.objects.get(level=Level.CLUSTER, name="东湖示范片区")


def _sheet(client, url):
    return load_workbook(io.BytesIO(client.get(url).content))


def test_projects_page_api_and_excel_agree_for_each_reader(cast, client_as, cluster):
    for who, count in (("county_admin", 4), ("township_secretary", 4), ("taskforce_head", 2)):
        client = client_as(who)
        page = client.get("/rural/projects/")
        assert page.status_code == 200
        assert page.context["figures"]["count"] == count and len(page.context["rows"]) == count
        answer = client.get("/api/v1/projects/").json()
        assert answer["count"] == count and len(answer["items"]) == count
        book = _sheet(client, "/rural/projects/?format=xlsx")
        assert book.worksheets[0].max_row - 1 == count
        notes = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True)}
        assert notes["产业项目"] == str(count)
    admin = client_as("county_admin")
    answer = admin.get("/api/v1/projects/").json()
    assert answer["figures"]["bases"] == {
        "count": 1,
        "investment": "12000000.00",
        "output_value": "5100000.00",
        "collective_income_gain": "196000.00",
    }
    assert answer["figures"]["beneficiaries"] == 5 and answer["figures"]["mean_increase"] == "20000.00"
    lines = {line["cluster"]: line for line in answer["figures"]["by_cluster"]}
    assert lines["东湖示范片区"]["count"] == 4
    # Filters: by stage and kind, the same on the page and the API.
    assert admin.get("/api/v1/projects/?stage=reserve").json()["count"] == 1
    assert admin.get("/rural/projects/?stage=reserve").context["figures"]["count"] == 1
    assert admin.get("/api/v1/projects/?kind=base").json()["items"][0]["name"] == BASE
    # The project page lists the beneficiaries and their mean.
    specialty = Project.objects.get(name=SPECIALTY)
    page = admin.get(f"/rural/projects/{specialty.pk}/")
    assert page.context["people"]["count"] == 5 and "20000.00" in page.content.decode()
    detail = admin.get(f"/api/v1/projects/{specialty.pk}").json()
    assert detail["central_village"] == "张庄村" and len(detail["beneficiary_list"]) == 5
    assert detail["mean_increase"] == "20000.00"
    # Outside the reader's scope or task force: 404.
    assert client_as("taskforce_head").get(f"/rural/projects/{specialty.pk}/").status_code == 404
    assert client_as("street_secretary").get(f"/api/v1/projects/{specialty.pk}").status_code == 404
    # A villager may not open the page; the API answers him nothing.
    assert client_as("villager").get("/rural/projects/").status_code == 403
    assert client_as("villager").get("/api/v1/projects/").json()["count"] == 0


def test_a_project_and_its_beneficiaries_are_created_over_the_api(cast, client_as, cluster):
    client = client_as("township_secretary")
    zhang = Area.objects.get(level=Level.VILLAGE, name="张庄村", path__startswith=cluster.path)
    enterprise = Organisation.objects.get(kind=OrganisationKind.AGRI_ENTERPRISE, name__contains="金源")
    before = Project.objects.count()
    refused = client.post(
        "/api/v1/projects/",
        {"name": "芦笋示范项目", "kind": "specialty", "area_id": cluster.pk, "industry": "芦笋"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "中心村" in refused.json()["error"]["message"]
    refused = client.post(
        "/api/v1/projects/",
        {"name": "负数项目", "kind": "base", "area_id": cluster.pk, "investment": "-5"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "不能为负数" in refused.json()["error"]["message"]
    assert Project.objects.count() == before
    made = client.post(
        "/api/v1/projects/",
        {
            "name": "芦笋示范项目",
            "kind": "specialty",
            "stage": "building",
            "area_id": cluster.pk,
            "central_village_id": zhang.pk,
            "industry": "芦笋",
            "enterprise_id": enterprise.pk,
            "investment": "300000",
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="industry-project-1",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["investment"] == "300000.00" and body["villages"] == ["张庄村"]
    again = client.post(
        "/api/v1/projects/",
        {"name": "芦笋示范项目", "kind": "reserve", "area_id": cluster.pk},
        content_type="application/json",
    )
    assert again.status_code == 409
    added = client.post(
        f"/api/v1/projects/{body['id']}/beneficiaries",
        {"name": "孙大山", "annual_increase": "15000.50"},
        content_type="application/json",
    )
    assert added.status_code == 201 and added.json()["annual_increase"] == "15000.50"
    dup = client.post(
        f"/api/v1/projects/{body['id']}/beneficiaries",
        {"name": "孙大山", "annual_increase": "1"},
        content_type="application/json",
    )
    assert dup.status_code == 409
    moved = client.post(
        f"/api/v1/projects/{body['id']}/update", {"stage": "operating"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["stage_label"] == "投产"
    assert Beneficiary.objects.filter(project_id=body["id"]).count() == 1
    # The villager may not register one.
    assert client_as("villager").post(
        "/api/v1/projects/",
        {"name": "x", "kind": "reserve", "area_id": cluster.pk},
        content_type="application/json",
    ).status_code in (403, 404, 400)


def test_the_page_registers_a_project_and_a_beneficiary(cast, client_as, cluster):
    client = client_as("county_admin")
    answer = client.post(
        "/rural/projects/",
        {"name": "王集村储备项目", "kind": "reserve", "stage": "reserve", "area": cluster.pk},
    )
    assert answer.status_code == 302
    project = Project.objects.get(name="王集村储备项目")
    answer = client.post(
        f"/rural/projects/{project.pk}/", {"form": "beneficiary", "name": "周五", "annual_increase": "8000"}
    )
    assert answer.status_code == 302 and project.beneficiaries.count() == 1
    refused = client.post(
        "/rural/projects/", {"name": "缺中心村", "kind": "specialty", "stage": "reserve", "area": cluster.pk}
    )
    assert refused.status_code == 400 and "特色产业项目须填写中心村" in refused.content.decode()


def test_parks_brands_chains_and_training_bases_agree_page_and_api(cast, client_as, cluster, world):
    chain_links_ensure(world.county)
    client = client_as("county_admin")
    parks = client.get("/api/v1/parks/").json()
    assert parks["count"] == Park.objects.count() == 3
    assert client.get("/rural/parks/").context["figures"]["count"] == 3
    assert _sheet(client, "/rural/parks/?format=xlsx").worksheets[0].max_row - 1 == 3
    # By period: started since 2025 (the park and the pilot, not the 2023 belt).
    assert client.get("/api/v1/parks/?since=2025-01-01").json()["count"] == 2
    assert client.get("/rural/parks/?since=2025-01-01").context["figures"]["count"] == 2
    kinds = {k["code"]: k for k in parks["figures"]["by_kind"]}
    assert kinds["three_fields"]["count"] == 1 and kinds["belt"]["count"] == 1
    pilot = next(p for p in parks["items"] if p["kind"] == "three_fields")
    assert (pilot["trial_mu"], pilot["demonstration_mu"], pilot["field_mu"]) == (
        "100.00",
        "1000.00",
        "10000.00",
    )
    assert client.get(f"/rural/parks/{pilot['id']}/").status_code == 200
    brands = client.get("/api/v1/brands/").json()
    assert brands["count"] == 1 and brands["items"][0]["name"] == "龙麟"
    assert client.get("/rural/brands/").context["figures"]["count"] == 1
    cluster_brands = {c["cluster"]: c["brand"] for c in brands["cluster_brands"]}
    assert cluster_brands["东湖示范片区"] == "东湖金银花产业发展示范片区"
    renamed = client.post(
        f"/api/v1/brands/clusters/{cluster.pk}",
        {"brand": "东湖芦笋产业发展示范片区"},
        content_type="application/json",
    )
    assert renamed.status_code == 200 and renamed.json()["brand"] == "东湖芦笋产业发展示范片区"
    refused = client_as("village_secretary").post(
        f"/api/v1/brands/clusters/{cluster.pk}", {"brand": "x"}, content_type="application/json"
    )
    assert refused.status_code in (403, 404)
    client = client_as("county_admin")  # the same test client, signed in again
    cluster.refresh_from_db()
    assert cluster.brand == "东湖芦笋产业发展示范片区"
    brand = Brand.objects.get(name="龙麟")
    assert client.get(f"/api/v1/brands/{brand.pk}").json()["trademark_number"] == brand.trademark_number
    made = client.post(
        "/api/v1/brands/",
        {
            "name": "东湖金银花",
            "owner_kind": "cluster",
            "area_id": cluster.pk,
            "products": "金银花",
            "certification": "green",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert client.get("/api/v1/brands/").json()["count"] == 2
    dup = client.post(
        "/api/v1/brands/",
        {
            "name": "再一个",
            "owner_kind": "cluster",
            "area_id": cluster.pk,
            "products": "x",
            "trademark_number": brand.trademark_number,
        },
        content_type="application/json",
    )
    assert dup.status_code == 409
    made = client.post(
        "/api/v1/parks/",
        {
            "name": "东湖科技示范园",
            "kind": "demo_park",
            "area_id": cluster.pk,
            "started_on": "2026-03-01",
            "support_technology": True,
        },
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["support_technology"] is True
    chains = client.get("/api/v1/chain-links/").json()
    assert chains["full"] == 1 == client.get("/rural/chains/").context["figures"]["full"]
    chain = IndustryChain.objects.get(name="煤化工产业链")
    saved = client.post(f"/rural/chains/{chain.pk}/links/", {"links": ["processing", "sales"]})
    assert saved.status_code == 302
    chain.refresh_from_db()
    assert chain.links == ["processing", "sales"]
    answer = client.post(
        f"/api/v1/chain-links/{chain.pk}", {"links": ["fishing"]}, content_type="application/json"
    )
    assert answer.status_code == 400
    bases = client.get("/api/v1/training-bases/").json()
    assert bases["count"] == 1 == client.get("/rural/training-bases/").context["figures"]["count"]
    assert bases["by_cluster"][0]["cluster"] == "东湖示范片区"
    assert _sheet(client, "/rural/training-bases/?format=xlsx").worksheets[0].max_row - 1 == 1
    # The territory table counts the same.
    from lianxin.rural.setup_industry import industry_table

    rows = {r.label: r.value for r in industry_table(user=cast.county_admin)}
    assert rows["实训基地"] == 1 and rows["园区与产业带"] == 4 and rows["产业项目"] == 4
    assert rows["产业基地投资（元）"] == Decimal("12000000.00")


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_industry_routes_answer_each_role_as_declared(w, role):  # noqa: F811
    wrong = routes_requested_as(w.cast[role], w, ACCESS)
    assert wrong == [], "\n".join(wrong)
