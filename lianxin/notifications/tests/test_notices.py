"""Pushing a notice to a tagged group (P000-23) and seeing who read it; the inbox marks reading."""

from django.urls import reverse

from lianxin.notifications.models import Notification
from lianxin.people.models import PersonTag


def _tag_resident(cast):
    tag = PersonTag.objects.get(code="returnee")
    cast.resident.person.tags.add(tag)
    return tag


def test_a_community_secretary_pushes_a_notice_and_sees_who_read_it(
    client_as, cast, places, django_capture_on_commit_callbacks
):
    tag = _tag_resident(cast)
    client = client_as("community_secretary")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("notifications:notices"),
            {
                "title": "返乡创业贴息贷款政策",
                "body": "详见社区公告栏",
                "area": places.community.pk,
                "tag": tag.pk,
            },
        )
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=cast.resident, verb="notice")
    assert notification.read_at is None
    detail = client.get(response["Location"])
    assert "0" in detail.content.decode() and cast.resident.person.name in detail.content.decode()

    client_as("resident").post(reverse("notifications:mark_read"), {"id": notification.pk})
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client_as("community_secretary").get(reverse("notifications:notices")).content.decode()
    assert "返乡创业贴息贷款政策" in page


def test_a_resident_cannot_push_and_nobody_reads_anothers_notice_list(client_as, cast, places):
    tag = _tag_resident(cast)
    assert client_as("resident").get(reverse("notifications:notices")).status_code == 403
    response = client_as("community_secretary").post(
        reverse("notifications:notices"), {"title": "", "area": places.community.pk, "tag": tag.pk}
    )
    assert response.status_code == 400
    assert not Notification.objects.exists()


def test_a_notice_to_nobody_is_refused_with_a_chinese_message(client_as, cast, places):
    tag = PersonTag.objects.get(code="veteran")
    response = client_as("community_secretary").post(
        reverse("notifications:notices"),
        {"title": "退役军人优待政策", "area": places.community.pk, "tag": tag.pk},
    )
    assert response.status_code == 400
    assert "请至少选择一名接收人" in response.content.decode()
