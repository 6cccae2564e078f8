"""Micro-wishes from the volunteering pages: a resident files one (the case loop's report), a volunteer
claims one. The rules are the case loop's and the claim guard's (lianxin.volunteering.wishes); claiming
here first says 请先到社区报到 to someone who has not reported, who could not see the wish through the
case loop at all (it would be a 404 there)."""

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.cases import services as cases
from lianxin.cases.models import Category, Rating, State
from lianxin.core.errors_domain import DomainError
from lianxin.volunteering.services.common import acting_person
from lianxin.volunteering.wishes import WISH_ROOT, has_reported


def wish_categories():
    """The wish categories a resident chooses from (the leaves of the 微心愿 tree)."""
    root = Category.objects.filter(code=WISH_ROOT).first()
    if root is None:
        return Category.objects.none()
    return Category.objects.filter(path__startswith=root.path, depth__gt=root.depth, is_active=True).order_by(
        "path"
    )


def wish_file(actor, *, category: Category, description: str, idempotency_key: str = ""):
    """A resident files a wish for his own home: the case loop's report at his household's area."""
    person = acting_person(actor)
    if not wish_categories().filter(pk=category.pk).exists():
        raise DomainError(_("Choose what kind of wish it is."), field="category")
    if person.area_id is None:
        raise DomainError(_("Your home is not on record; ask your community."), code="invalid_state")
    return cases.case_report(
        actor,
        category=category,
        area=person.area,
        description=description,
        idempotency_key=idempotency_key,
    )


def wish_claim(actor, *, case, idempotency_key: str = ""):
    """A volunteer takes a wish on (one place): refused 403 before reporting to a community."""
    person = acting_person(actor)
    if not has_reported(person.pk):
        raise DomainError(_("Report to your community first."), code="forbidden")
    return cases.case_claim(actor, case=case, idempotency_key=idempotency_key)


def wish_screen(actor, *, case, accept: bool, reason: str = "", idempotency_key: str = ""):
    """Community staff screen a new wish: put it up to be claimed (受理) or turn it down with a reason."""
    if accept:
        return cases.case_accept(actor, case=case, idempotency_key=idempotency_key)
    return cases.case_reject(actor, case=case, reason=reason, idempotency_key=idempotency_key)


def wish_assign(actor, *, case, idempotency_key: str = ""):
    """Community staff hand a claimed wish to its claimer (派单), who then fulfils it."""
    claim = case.claims.filter(withdrawn_at__isnull=True).select_related("person", "organisation").first()
    if claim is None:
        raise DomainError(_("Nobody has claimed this wish yet."), code="invalid_state")
    return cases.case_dispatch(
        actor,
        case=case,
        person=claim.person,
        organisation=claim.organisation,
        idempotency_key=idempotency_key,
    )


def wish_fulfil(actor, *, case, note: str, idempotency_key: str = ""):
    """The claimer it was handed to takes it and reports it fulfilled (接单, 处置) in one go."""
    with transaction.atomic():
        if case.state == State.DISPATCHED:
            case = cases.case_take(actor, case=case, idempotency_key=_sub_key(idempotency_key, "take"))
        return cases.case_handle(
            actor, case=case, note=note, idempotency_key=_sub_key(idempotency_key, "handle")
        )


def wish_confirm(actor, *, case, idempotency_key: str = ""):
    """The resident confirms his wish came true: a satisfied rating, which closes it and pays the claimer."""
    return cases.case_rate(actor, case=case, rating=Rating.SATISFIED, idempotency_key=idempotency_key)


def _sub_key(key: str, step: str) -> str:
    return f"{key}:{step}" if key else ""


def project_publish(
    actor,
    *,
    area,
    title: str,
    description: str = "",
    hours,
    capacity: int,
    raised_from=None,
    idempotency_key: str = "",
):
    """A community or an estate branch publishes a service project (服务项目) for members to claim: a task
    with its hours and places, optionally raised from a resident's request it answers (P004-44); issuer
    acceptance pays each claimer hours × LIANXIN_POINTS_PER_HOUR (the task's listener)."""
    from decimal import Decimal, InvalidOperation

    from lianxin.cases.models import Case
    from lianxin.volunteering.wishes import HOURS, PROJECT_ROOT

    try:
        hours = Decimal(str(hours))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Give the hours as a number."), field="hours") from None
    if not Decimal("0") < hours <= Decimal("24"):
        raise DomainError(_("A project's hours are between 0 and 24."), field="hours")
    if not 1 <= int(capacity) <= 500:
        raise DomainError(_("A project has between 1 and 500 places."), field="capacity")
    if raised_from is not None and not Case.objects.restrict(actor).filter(pk=raised_from.pk).exists():
        raise DomainError(_("No such request in your areas."), field="raised_from")
    return cases.case_report(
        actor,
        category=Category.objects.get(code=PROJECT_ROOT),
        area=area,
        title=title,
        description=description or title,
        extra={HOURS: float(hours)},
        claim_capacity=int(capacity),
        related_case=raised_from,
        idempotency_key=idempotency_key,
    )
