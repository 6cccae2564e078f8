"""Restructuring the tree (P001-12) with its approval record (P001-14): pages, API, scope."""

import io

import pytest
from PIL import Image

from lianxin.areas.models import Area, Household, Level, Restructuring
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Post

pytestmark = pytest.mark.django_db


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "approval.png"
    return buffer


def test_merging_two_communities_into_a_new_one_keeps_records_and_retires_the_old_names(client_as, world):
    street = world.streets[0]
    first, second = (c for c in world.communities if c.path.startswith(street.path))
    households_before = Household.objects.filter(area_path__startswith=first.path).count()
    first_posts = set(Post.objects.filter(area=first).values_list("pk", flat=True))
    client = client_as("street_secretary")

    response = client.post(
        f"/areas/{street.pk}/restructure/",
        {
            "kind": "merge",
            "sources": f"{first.code}，{second.code}",
            "new_name": "凤凰新社区",
            "effective_on": "2026-06-26",
            "approving_body": "巨川县人民政府",
            "approved_on": "2026-06-26",
            "document_number": "巨政字〔2026〕18号",
            "approval_file": png(),
        },
    )

    assert response.status_code == 302
    new = Area.objects.get(name="凤凰新社区")
    assert new.level == Level.COMMUNITY
    assert response["Location"] == f"/areas/{new.pk}/"
    first.refresh_from_db()
    assert first.retired_on.isoformat() == "2026-06-26" and first.successor_id == new.pk
    assert Household.objects.filter(area_path__startswith=new.path).count() >= households_before
    assert Household.objects.filter(area_path__startswith=first.path).count() == 0
    assert set(Post.objects.filter(area=new).values_list("pk", flat=True)) >= first_posts
    record = Restructuring.objects.get()
    assert record.is_approved and record.approval_file.startswith("approvals/")

    html = client.get(f"/areas/{new.pk}/").content.decode()
    history = html[html.index('data-testid="area-history"') :]
    assert "巨政字〔2026〕18号" in history and first.name in history and "巨川县人民政府" in history
    assert client.get(f"/media/{record.approval_file}").status_code == 200
    api = client.get(f"/api/v1/areas/{new.pk}/history").json()
    assert api[0]["document_number"] == "巨政字〔2026〕18号" and first.name in api[0]["sources"]
    assert client_as("resident").get(f"/media/{record.approval_file}").status_code == 404


def test_a_retired_area_takes_no_more_changes_and_its_page_offers_none(client_as, cast, world):
    """A retired name keeps its record as it was: no adding under it, moving it or editing it, and its page
    offers none of these."""
    from lianxin.areas.tree_keeping import area_add

    street = world.streets[0]
    first, second = (c for c in world.communities if c.path.startswith(street.path))
    client = client_as("street_secretary")
    client.post(
        f"/areas/{street.pk}/restructure/",
        {"kind": "merge", "sources": f"{first.code}，{second.code}", "new_name": "凤凰新社区",
         "effective_on": "2026-06-26"},
    )  # fmt: skip
    first.refresh_from_db()
    assert first.is_retired

    html = client.get(f"/areas/{first.pk}/").content.decode()
    assert 'data-testid="area-keeping"' not in html and f"/areas/{first.pk}/edit/" not in html
    with pytest.raises(DomainError) as refused:
        area_add(actor=cast.street_secretary, parent=first, level=Level.ESTATE, name="新小区")
    assert refused.value.code == "invalid_state" and "撤销" in refused.value.message
    assert client.post(f"/areas/{first.pk}/edit/", {"name": "改名"}).status_code in (403, 409)


def test_the_approval_can_be_attached_later_and_needs_body_date_and_number(client_as, world):
    village = world.villages[-1]
    client = client_as("county_admin")
    response = client.post(
        f"/areas/{world.streets[0].pk}/restructure/",
        {"kind": "convert", "sources": village.code, "effective_on": "2026-07-01"},
    )
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.level == Level.COMMUNITY and village.path.startswith(world.streets[0].path)
    assert not Area.objects.filter(path__startswith=village.path, level=Level.GRID).exists()
    record = Restructuring.objects.get()
    assert not record.is_approved

    bad = client.post(f"/areas/restructurings/{record.pk}/approval/", {"approving_body": "县政府"})
    assert bad.status_code == 400
    assert "请" in bad.content.decode()
    good = client.post(
        f"/areas/restructurings/{record.pk}/approval/",
        {
            "approving_body": "巨川县人民政府",
            "approved_on": "2026-06-26",
            "document_number": "巨政字〔2026〕9号",
        },
    )
    assert good.status_code == 302
    record.refresh_from_db()
    assert record.is_approved


def test_bad_input_is_a_chinese_400_and_others_cannot_restructure(client_as, world):
    street = world.streets[0]
    client = client_as("street_secretary")
    response = client.post(
        f"/areas/{street.pk}/restructure/",
        {"kind": "merge", "sources": "NOPE", "effective_on": "2026-06-26", "new_name": "新社区"},
    )
    assert response.status_code == 400
    assert "NOPE" in response.content.decode()
    assert not Restructuring.objects.exists()
    assert client_as("community_secretary").get(f"/areas/{street.pk}/restructure/").status_code == 404
    # a community merged into another community only under the user's write scope: the other street's
    # community is not his
    other = next(c for c in world.communities if not c.path.startswith(street.path))
    mine = next(c for c in world.communities if c.path.startswith(street.path))
    response = client.post(
        f"/areas/{mine.pk}/restructure/",
        {"kind": "merge", "sources": other.code, "effective_on": "2026-06-26"},
    )
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.retired_on is None
