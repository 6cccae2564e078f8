"""The bench ledger: as many entries as asked, one long account, every chain sound."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from lianxin.points.generator import NAME_PREFIX
from lianxin.points.models import PointsAccount, PointsEntry
from lianxin.points.selectors import balance_of

pytestmark = pytest.mark.django_db


def test_generate_points_writes_sound_chains(capsys):
    call_command("generate_points", entries=500, accounts=12, big=170)
    accounts = PointsAccount.objects.filter(person__name__startswith=NAME_PREFIX).annotate(n=Count("entries"))
    lengths = sorted((a.n for a in accounts), reverse=True)
    assert (sum(lengths), len(lengths), lengths[0]) == (500, 12, 170)
    assert set(lengths[1:]) == {30}
    longest = accounts.order_by("-n").first()
    amounts = PointsEntry.objects.filter(account=longest).values_list("amount", flat=True)
    assert balance_of(longest.person) == sum(amounts) > 0
    call_command("verify_points")
    assert "12 accounts checked, 0 problems" in capsys.readouterr().out
