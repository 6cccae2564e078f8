"""The inbox: the unread count in the top bar, and each notification opening its case."""

import pytest

from lianxin.cases.tests.pages import stair_light, text
from lianxin.notifications.models import Notification, Outbox
from lianxin.notifications.services import outbox_deliver

pytestmark = pytest.mark.django_db


def deliver():
    for pk in Outbox.objects.filter(processed_at__isnull=True).values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)


def test_the_top_bar_counts_the_unread_notifications(client_as, cast, places, clock):
    client = client_as("building_captain")
    assert 'data-testid="inbox-unread"' not in text(client.get("/"))

    case = stair_light(cast, places)
    deliver()
    unread = Notification.objects.filter(recipient=cast.building_captain, read_at__isnull=True).count()
    html = text(client.get("/"))
    assert unread >= 1
    assert f'data-testid="inbox-unread">{unread}</span>' in html

    inbox = text(client.get("/inbox/"))
    assert f'href="/cases/{case.pk}/"' in inbox


def test_a_notification_without_a_url_still_links_to_its_case(client_as, cast, places, clock):
    case = stair_light(cast, places)
    Notification.objects.create(recipient=cast.resident, case=case, verb="x", title="诉求有新进展")

    assert f'href="/cases/{case.pk}/"' in text(client_as("resident").get("/inbox/"))
