"""The rural app's Huey jobs.

``rural_reminders_daily`` runs every callable in ``REMINDERS`` (each ``fn(today) -> int``, the notices it
queued): the pools part's tranche reminders (a tranche due within 30 days, once; overdue, once more) and
the land part's contract expiries (a transfer or trusteeship contract ending in 30 days, and on its last day).
A failing reminder does not stop the others."""

import logging
from collections.abc import Callable
from datetime import date

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 30


def tranche_reminders(today: date) -> int:
    """Notify the county admins of unpaid tranches: due within DUE_SOON_DAYS (once), overdue (once more)."""
    from django.db import transaction
    from django.utils.translation import gettext as _

    from lianxin.notifications.services import notify
    from lianxin.people.models import Post
    from lianxin.people.roles import Role
    from lianxin.rural.selectors.pools import tranches_due

    sent = 0
    for tranche in tranches_due(today, within_days=DUE_SOON_DAYS):
        overdue = tranche.due_on < today
        if overdue:
            if tranche.reminded_on is not None and tranche.reminded_on > tranche.due_on:
                continue  # told already that it is overdue
        elif tranche.reminded_on is not None:
            continue  # told already that it falls due
        commitment = tranche.commitment
        admins = (
            Post.objects.current()
            .filter(role=Role.ORG_ADMIN, area__path__in=_ancestors(commitment.county.path))
            .values_list("person_id", flat=True)
        )
        values = {
            "name": commitment.name,
            "area": commitment.area.name,
            "year": tranche.year,
            "amount": f"{tranche.amount:,.2f}",
            "date": tranche.due_on.isoformat(),
        }
        if overdue:
            title = _("Tranche overdue: %(area)s %(name)s %(year)s") % values
        else:
            title = _("Tranche due: %(area)s %(name)s %(year)s") % values
        body = _("%(amount)s yuan, due on %(date)s.") % values
        with transaction.atomic():
            notify(
                verb="rural.tranche_due",
                title=title,
                body=body,
                url=f"/rural/pools/commitments/{commitment.pk}/",
                persons=list(admins),
            )
            type(tranche).objects.filter(pk=tranche.pk).update(reminded_on=today)
        sent += 1
    return sent


def contract_expiry_reminders(today: date) -> int:
    """Tell a village's secretaries that one of its land contracts ends in DUE_SOON_DAYS days, and again on
    its last day: the two days are fixed, so the daily job tells each once without keeping a mark."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils.translation import gettext as _

    from lianxin.notifications.services import notify
    from lianxin.people.models import Post
    from lianxin.people.roles import Role
    from lianxin.rural.models import LandContract

    sent = 0
    ending = LandContract.objects.filter(ends_on__in=[today, today + timedelta(days=DUE_SOON_DAYS)])
    for contract in ending.select_related("area").order_by("ends_on", "pk"):
        secretaries = list(
            Post.objects.current()
            .filter(role=Role.SECRETARY, area_id=contract.area_id)
            .values_list("person_id", flat=True)
        )
        if not secretaries:
            continue
        values = {
            "village": contract.area.name,
            "kind": contract.get_kind_display(),
            "counterparty": contract.counterparty,
            "mu": contract.mu,
            "date": contract.ends_on.isoformat(),
        }
        if contract.ends_on == today:
            title = _("Land contract ends today: %(village)s %(kind)s %(counterparty)s") % values
        else:
            title = _("Land contract ends soon: %(village)s %(kind)s %(counterparty)s") % values
        with transaction.atomic():
            notify(
                verb="rural.contract_ending",
                title=title,
                body=_("%(mu)s mu, until %(date)s.") % values,
                url=f"/rural/land/contracts/{contract.pk}/",
                persons=secretaries,
            )
        sent += 1
    return sent


def _ancestors(path: str) -> list[str]:
    from lianxin.core.paths import ancestor_paths

    return list(ancestor_paths(path))


# Every daily rural reminder: fn(today) -> notices queued. Other parts append theirs (see the docstring).
REMINDERS: list[Callable[[date], int]] = [tranche_reminders, contract_expiry_reminders]


def reminders_run(today: date | None = None) -> dict[str, int]:
    from django.utils import timezone

    from lianxin.cases.clock import now as clock_now

    today = today or timezone.localtime(clock_now()).date()
    done = {}
    for reminder in REMINDERS:
        name = getattr(reminder, "__name__", repr(reminder))
        try:
            done[name] = reminder(today)
        except Exception:  # one part's failure must not silence the others' reminders
            logger.exception("rural reminder %s failed", name)
            done[name] = -1
    return done


@db_periodic_task(crontab(minute="40", hour="6"), name="rural_reminders_daily")
def rural_reminders_daily() -> dict[str, int]:
    return reminders_run()
