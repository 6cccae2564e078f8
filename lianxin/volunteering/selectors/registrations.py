"""Reads of registrations: one queryset per list, restricted to the user, used by the pages and the API."""

from lianxin.core.scope import VIEW, under
from lianxin.volunteering.models import RegistrationStatus, UnitRegistration, VolunteerRegistration


def registrations_for(*, user, status: str = "", root=None, action: str = VIEW):
    """Volunteer registrations the user may see (his own; his community's, for its staff; his unit's
    members', for a unit's party organisation), optionally of one status and under one area."""
    rows = VolunteerRegistration.objects.restrict(user, action).select_related(
        "person", "community", "home_org", "decided_by"
    )
    if status:
        rows = rows.filter(status=status)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return rows


def registrations_mine(*, user):
    if not user.person_id:
        return VolunteerRegistration.objects.none()
    return (
        VolunteerRegistration.objects.filter(person_id=user.person_id)
        .select_related("community", "home_org")
        .order_by("-id")
    )


def unit_registrations_for(*, user, status: str = "", root=None, action: str = VIEW):
    rows = UnitRegistration.objects.restrict(user, action).select_related(
        "unit_org", "community", "head", "decided_by"
    )
    if status:
        rows = rows.filter(status=status)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return rows


def pending_count(*, user) -> int:
    """Registrations waiting for this user's decision (the vetting list's count and the workbench's)."""
    return (
        registrations_for(user=user, status=RegistrationStatus.PENDING).count()
        + unit_registrations_for(user=user, status=RegistrationStatus.PENDING).count()
    )


def service_records(person_ids) -> dict[int, dict]:
    """Each registered person's service, as his community and his unit follow it (P000-47, P004-45): the
    call-outs he answered on duty, his pairing visits, the teams he is in, the services he completed (wishes
    and projects he claimed that were closed: confirmed by the resident or accepted by their issuer) and the
    points they earned him (awards less their reversals; what he spent is his own). Counts only: they name
    nobody else."""
    from django.db.models import Count, Sum

    from lianxin.cases.models import CaseClaim, State
    from lianxin.points.models import EntryKind, PointsEntry
    from lianxin.volunteering.models import Answer, CalloutAnswer, PairingVisit, TeamMember

    ids = list(person_ids)

    def per_person(rows, field):
        return dict(rows.filter(**{f"{field}__in": ids}).values_list(field).annotate(n=Count("pk")))

    on_duty = per_person(CalloutAnswer.objects.filter(answer=Answer.ON_DUTY), "person_id")
    visits = per_person(PairingVisit.objects.all(), "visitor_id")
    teams = per_person(TeamMember.objects.filter(left_on__isnull=True), "person_id")
    done = per_person(
        CaseClaim.objects.filter(withdrawn_at__isnull=True, case__state=State.CLOSED), "person_id"
    )
    earned = dict(
        PointsEntry.objects.filter(account__person_id__in=ids, kind__in=[EntryKind.AWARD, EntryKind.REVERSAL])
        .values_list("account__person_id")
        .annotate(n=Sum("amount"))
    )
    return {
        pid: {
            "on_duty": on_duty.get(pid, 0),
            "visits": visits.get(pid, 0),
            "teams": teams.get(pid, 0),
            "services": done.get(pid, 0),
            "points": earned.get(pid) or 0,
        }
        for pid in ids
    }
