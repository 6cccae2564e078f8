"""Landless residents and the support given them (P001-17): list, record, those with none, scope."""

import pytest

from lianxin.people.models import Person, PersonTag, Support

pytestmark = pytest.mark.django_db


def _landless(cast):
    person = Person.objects.get(pk=cast.resident.person_id)
    person.tags.add(PersonTag.objects.get(code="landless"))
    return person


def test_support_is_recorded_and_the_unsupported_list_shrinks(client_as, cast):
    person = _landless(cast)
    client = client_as("community_secretary")
    unsupported = client.get("/people/landless/?unsupported=1").content.decode()
    assert person.name in unsupported[unsupported.index('data-testid="landless"') :]

    response = client.post(
        f"/people/{person.pk}/support/", {"kind": "job", "given_on": "2026-05-01", "note": "公益岗位"}
    )
    assert response.status_code == 302
    support = Support.objects.get(person=person)
    assert (support.kind, support.area_path, support.note) == ("job", person.area_path, "公益岗位")
    page = client.get("/people/landless/").content.decode()
    assert "就业" in page and "公益岗位" in page
    again = client.get("/people/landless/?unsupported=1").content.decode()
    assert 'data-testid="landless"' not in again or person.name not in again


def test_bad_support_is_a_chinese_400_and_outsiders_cannot_record(client_as, cast):
    person = _landless(cast)
    bad = client_as("community_secretary").post(f"/people/{person.pk}/support/", {"kind": "bogus"})
    assert bad.status_code == 400 and "请选择" in bad.content.decode()
    untagged = Person.objects.create(name="普通居民", area=person.area, area_path=person.area_path)
    refused = client_as("community_secretary").post(f"/people/{untagged.pk}/support/", {"kind": "job"})
    assert refused.status_code == 400
    assert client_as("resident").post(f"/people/{person.pk}/support/", {"kind": "job"}).status_code == 403
    assert client_as("liaison").post(f"/people/{person.pk}/support/", {"kind": "job"}).status_code == 404
    assert not Support.objects.exists()
    assert person.name not in client_as("liaison").get("/people/landless/").content.decode()
