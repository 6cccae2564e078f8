"""Who may claim a case (认领), as one rule for the step services and the steps a page or the API offers.

Today any signed-in user with a person claims for himself, and staff of an organisation for their
organisation. An app that knows more (the volunteering app: "report to your community first", a
volunteer's hours) adds a claim guard from its AppConfig.ready()::

    claim_guard_register(my_guard, kinds=[Kind.MICRO_WISH])

    def my_guard(*, user, case, person, organisation) -> str:
        return "" if allowed else _("请先到社区报到")

A guard answers with the Chinese reason for refusing, or "" to let the claim through; the first reason
refuses the claim (403) and the case page no longer offers it. Guards run in the claim's transaction, with
the case row locked.
"""

from django.utils.translation import gettext as _

from lianxin.cases.models import Case, CaseClaim, Kind
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, grants_for

_guards: dict[str, tuple] = {}


def claim_guard_register(guard, *, kinds=None, name: str = "") -> None:
    """Add ``guard(*, user, case, person, organisation) -> str`` for ``kinds`` (all when None); the same
    name registered again replaces the guard."""
    kinds = frozenset(kinds) if kinds is not None else None
    if kinds is not None and not kinds <= set(Kind.values):
        raise ValueError(f"unknown kinds: {sorted(kinds - set(Kind.values))}")
    _guards[name or f"{guard.__module__}.{guard.__qualname__}"] = (guard, kinds)


def claim_guard_unregister(guard=None, *, name: str = "") -> None:
    _guards.pop(name or f"{guard.__module__}.{guard.__qualname__}", None)


def claimant_of(user, organisation=None) -> dict:
    """Who claims: the user's own person, or an organisation he holds a post in (refused otherwise)."""
    if organisation is not None:
        if organisation.pk not in grants_for(user).organisation_ids[CHANGE]:
            raise DomainError(
                _("You claim for an organisation only where you hold a post in it."), code="forbidden"
            )
        return {"organisation": organisation.pk}
    if not getattr(user, "person_id", None):
        raise DomainError(_("Only a person can claim a case."), code="forbidden")
    return {"person": user.person_id}


def live_claim(case: Case, claimant: dict) -> CaseClaim | None:
    return CaseClaim.objects.filter(case_id=case.pk, withdrawn_at__isnull=True, **_columns(claimant)).first()


def _columns(claimant: dict) -> dict:
    return {f"{name}_id": pk for name, pk in claimant.items()}


def claim_check(user, case: Case, claimant: dict) -> None:
    """Refuse (``DomainError``) a new claim: the case takes none, its places are taken, or a guard says
    no. (State and kind are the transitions table's; a repeated claim is found before this.)"""
    if case.claim_capacity is None:
        raise DomainError(_("This case does not take claims."), code="invalid_state")
    if case.claim_count >= case.claim_capacity:
        raise DomainError(_("All places are taken."), code="invalid_state")
    person = claimant.get("person")
    organisation = claimant.get("organisation")
    for guard, kinds in list(_guards.values()):
        if kinds is not None and case.kind not in kinds:
            continue
        reason = guard(user=user, case=case, person=person, organisation=organisation)
        if reason:
            raise DomainError(reason, code="forbidden")


def claimants_of(user) -> list[dict]:
    """Everyone the user may claim as: himself (with a person) and each organisation he holds a post in."""
    claimants = [{"person": user.person_id}] if getattr(user, "person_id", None) else []
    if user.is_authenticated:
        claimants += [{"organisation": pk} for pk in sorted(grants_for(user).organisation_ids[CHANGE])]
    return claimants


def may_claim(user, case: Case) -> bool:
    """Whether the user may claim the case now, as himself or for one of his organisations."""
    if case.claim_capacity is None:
        return False
    for claimant in claimants_of(user):
        if live_claim(case, claimant) is None:
            try:
                claim_check(user, case, claimant)
            except DomainError:
                return False
            return True
    return False


def may_withdraw(user, case: Case) -> bool:
    return case.claim_count > 0 and any(live_claim(case, c) for c in claimants_of(user))


def withdraw_check(user, case: Case, claimant: dict) -> CaseClaim:
    """The claimant's live claim, which he may withdraw before work starts (refused otherwise)."""
    claim = live_claim(case, claimant)
    if claim is None:
        raise DomainError(_("There is no claim of yours on this case to withdraw."), code="invalid_state")
    return claim
