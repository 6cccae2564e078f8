"""The ledger: awards paid once per key, reversals, balances never below zero, entries never changed."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, ImmutableEntryError, PointsEntry
from lianxin.points.selectors import balance_of, ledger_problems
from lianxin.points.services import points_award, points_reverse, reward_redeem

pytestmark = pytest.mark.django_db


def _award(user, amount, key, **extra):
    return points_award(
        None, person=user.person, amount=amount, key=key, reason="微心愿", source_kind="wish", **extra
    )


def test_an_award_adds_to_the_balance_and_chains(resident):
    first = _award(resident, 20, "wish:1", source_id=1)
    second = _award(resident, 40, "project:7")
    assert (first.seq, first.balance_after) == (1, 20)
    assert (second.seq, second.balance_after) == (2, 60)
    assert balance_of(resident.person) == 60
    assert first.area_path == resident.person.area_path
    assert first.source_id == "1"


def test_the_same_key_twice_is_one_entry(resident):
    first = _award(resident, 20, "wish:1")
    again = _award(resident, 20, "wish:1")
    assert again.pk == first.pk
    assert PointsEntry.objects.filter(account__person=resident.person).count() == 1
    assert balance_of(resident.person) == 20


@pytest.mark.parametrize("amount", [0, -5, 1.5, True])
def test_an_award_is_a_whole_number_above_zero(resident, amount):
    with pytest.raises(DomainError):
        _award(resident, amount, "bad")
    assert not PointsEntry.objects.exists()


def test_a_reversal_takes_the_award_back_once(resident, cast):
    award = _award(resident, 20, "wish:1")
    reversal = points_reverse(cast.community_secretary, entry=award, reason="重复发放")
    assert (reversal.kind, reversal.amount, reversal.balance_after) == (EntryKind.REVERSAL, -20, 0)
    assert reversal.reverses_id == award.pk
    assert points_reverse(cast.community_secretary, entry=award, reason="再次").pk == reversal.pk
    with pytest.raises(DomainError) as refused:
        points_reverse(None, entry=reversal, reason="冲正的冲正")
    assert refused.value.code == "invalid_state"


def test_a_reversal_of_spent_points_is_refused(resident, shop):
    award = _award(resident, 30, "wish:1")
    reward_redeem(resident, reward=shop.rice)
    with pytest.raises(DomainError) as refused:
        points_reverse(None, entry=award, reason="更正")
    assert (refused.value.code, refused.value.message) == ("invalid_state", "积分不足")
    assert balance_of(resident.person) == 0


def test_entries_are_never_changed_by_the_application(resident):
    entry = _award(resident, 20, "wish:1")
    entry.amount = 200
    with pytest.raises(ImmutableEntryError):
        entry.save()
    with pytest.raises(ImmutableEntryError):
        PointsEntry.objects.filter(pk=entry.pk).update(amount=200)
    with pytest.raises(ImmutableEntryError):
        entry.delete()


def test_the_database_refuses_an_update(resident):
    entry = _award(resident, 20, "wish:1")
    table = PointsEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET amount = 200 WHERE id = %s", [entry.pk])  # noqa: S608
    assert PointsEntry.objects.get(pk=entry.pk).amount == 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps deletes to the application")
def test_postgresql_refuses_a_delete(resident):
    entry = _award(resident, 20, "wish:1")
    table = PointsEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])  # noqa: S608
    assert PointsEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_a_negative_balance_and_a_second_seq(resident):
    entry = _award(resident, 20, "wish:1")
    common = {"account_id": entry.account_id, "kind": EntryKind.AWARD, "reason": "x"}
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsEntry.objects.create(seq=2, key="k2", amount=-30, balance_after=-10, **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsEntry.objects.create(seq=1, key="k3", amount=5, balance_after=25, **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsEntry.objects.create(seq=2, key="wish:1", amount=5, balance_after=25, **common)


_steps = st.lists(
    st.one_of(
        st.tuples(st.just("award"), st.integers(min_value=1, max_value=60)),
        st.tuples(st.just("redeem"), st.integers(min_value=0, max_value=0)),
        st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=20)),
    ),
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps)
def test_any_sequence_keeps_balance_equal_to_the_sum(resident, shop, steps):
    """Whatever is awarded, redeemed and reversed, in any order, and whatever is refused on the way: the
    balance is the sum of the amounts, never below zero, and the last entry's balance_after."""
    person = resident.person
    with transaction.atomic():
        awards = []
        for n, (step, value) in enumerate(steps):
            try:
                if step == "award":
                    awards.append(_award(resident, value, f"h:{n}"))
                elif step == "redeem":
                    shop.rice.refresh_from_db()
                    reward_redeem(resident, reward=shop.rice)
                elif awards:
                    points_reverse(None, entry=awards[value % len(awards)], reason="更正")
            except DomainError as refused:
                assert refused.code == "invalid_state"
        entries = list(PointsEntry.objects.filter(account__person=person).order_by("seq"))
        total = sum(e.amount for e in entries)
        assert total >= 0
        assert balance_of(person) == total == (entries[-1].balance_after if entries else 0)
        assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
        assert all(e.balance_after >= 0 for e in entries)
        assert [p for p in ledger_problems() if p[1] is not None] == []
        transaction.set_rollback(True)
