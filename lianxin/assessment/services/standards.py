"""Writes of the standards part: each checks who may, refuses bad input in Chinese (nothing saved) and writes
in one transaction. Services take the acting user first and keyword-only arguments."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.assessment.models import (
    BrandStatus,
    Campaign,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTick,
    CreditEvent,
    CreditRule,
    Honour,
    HonourKind,
    MemberStar,
    Nomination,
    NominationStatus,
    PartyBrand,
    SharedPractice,
    StarCriterion,
    StarEvidence,
    StarRating,
    WeakOrgFlag,
    WeakOrgItem,
    WeakOrgStatus,
)
from lianxin.assessment.standards_rights import (
    CHECKLIST_TICK,
    CONFIGURE,
    KEEP,
    STAR_RATE,
    WEAK_ORG_ACCEPT,
)
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import held_with, require
from lianxin.core.scope import VIEW
from lianxin.party.models import Membership, OrgKind, PartyOrg

RECTIFICATION_CATEGORY = "task_party_rectification"


def _text(value, field: str, message: str, limit: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if limit and len(value) > limit:
        raise DomainError(_("At most %(n)s characters.") % {"n": limit}, field=field)
    return value


def year_check(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError(_("Give a year between 2000 and 2100."), field="year") from None
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    return year


def stars_check(stars) -> int:
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        raise DomainError(_("Stars are a whole number from 1 to 5."), field="stars") from None
    if not 1 <= stars <= 5:
        raise DomainError(_("Stars are a whole number from 1 to 5."), field="stars")
    return stars


def _visible(model, actor, obj, field: str) -> None:
    if obj is None or not model.objects.restrict(actor, VIEW).filter(pk=obj.pk).exists():
        raise DomainError(_("Choose one within your scope."), field=field)


# -- star ratings (P003-50, P003-51) ----------------------------------------------------------------------


@transaction.atomic
def criterion_save(actor, *, name: str, description: str = "", order: int = 0, is_active: bool = True):
    require(actor, CONFIGURE)
    name = _text(name, "name", _("Give the criterion a name."), 50)
    criterion, _created = StarCriterion.objects.update_or_create(
        name=name, defaults={"description": description.strip(), "order": order, "is_active": is_active}
    )
    return criterion


def superior_of(org: PartyOrg) -> PartyOrg | None:
    return PartyOrg.objects.get_parent(org) if org.depth > 1 else None


@transaction.atomic
def star_rate(actor, *, org: PartyOrg, year, stars, evidence: dict, note: str = "") -> StarRating:
    """Rate ``org`` for ``year``: only the leaders of its superior committee; evidence for every criterion in
    use (``evidence``: criterion id or name → text). A second rating replaces the current one; both stay."""
    year = year_check(year)
    stars = stars_check(stars)
    _visible(PartyOrg, actor, org, "org")
    superior = superior_of(org)
    if superior is None:
        raise DomainError(
            _("%(org)s has no superior committee to rate it.") % {"org": org.name}, code="forbidden"
        )
    require(
        actor,
        STAR_RATE,
        superior,
        message=_("Only the superior committee of %(org)s (%(superior)s) rates it.")
        % {"org": org.name, "superior": superior.name},
    )
    evidence = {str(k): (v or "").strip() for k, v in (evidence or {}).items()}
    rows = []
    for criterion in StarCriterion.objects.filter(is_active=True):
        text = evidence.get(str(criterion.pk)) or evidence.get(criterion.name) or ""
        if not text:
            raise DomainError(
                _("“%(criterion)s” lacks evidence") % {"criterion": criterion.name},
                field=f"evidence_{criterion.pk}",
            )
        rows.append((criterion, text))
    list(StarRating.objects.select_for_update().filter(org=org, year=year, is_current=True))
    StarRating.objects.filter(org=org, year=year, is_current=True).update(is_current=False)
    rating = StarRating.objects.create(
        org=org, year=year, stars=stars, rated_by_org=superior, note=(note or "").strip(), given_by=actor
    )
    StarEvidence.objects.bulk_create([StarEvidence(rating=rating, criterion=c, text=t) for c, t in rows])
    return rating


# -- members: stars and credit (P002-74) ------------------------------------------------------------------


def home_membership(person) -> Membership | None:
    return (
        Membership.objects.current()
        .filter(person=person, is_home=True)
        .select_related("org")
        .order_by("-start_date", "-id")
        .first()
    )


def _member_org(actor, person) -> PartyOrg:
    if person is None:
        raise DomainError(_("Choose a party member."), field="person")
    membership = home_membership(person)
    if membership is None:
        raise DomainError(_("%(name)s is not a party member.") % {"name": person.name}, field="person")
    require(actor, KEEP, membership.org)
    return membership.org


@transaction.atomic
def credit_rule_save(actor, *, name: str, points, is_active: bool = True) -> CreditRule:
    require(actor, CONFIGURE)
    name = _text(name, "name", _("Give the rule a name."), 50)
    try:
        points = int(points)
    except (TypeError, ValueError):
        raise DomainError(_("Points are a whole number (negative to deduct)."), field="points") from None
    if points == 0 or abs(points) > 100:
        raise DomainError(_("Points are a whole number (negative to deduct)."), field="points")
    rule, _created = CreditRule.objects.update_or_create(
        name=name, defaults={"points": points, "is_active": is_active}
    )
    return rule


@transaction.atomic
def credit_event_record(actor, *, person, rule: CreditRule, happened_on: date | None = None, note: str = ""):
    org = _member_org(actor, person)
    if rule is None or not rule.is_active:
        raise DomainError(_("Choose a credit rule in use."), field="rule")
    happened_on = happened_on or timezone.localdate()
    if happened_on > timezone.localdate():
        raise DomainError(_("The day cannot be in the future."), field="happened_on")
    return CreditEvent.objects.create(
        person=person,
        org=org,
        rule=rule,
        points=rule.points,
        happened_on=happened_on,
        note=(note or "").strip()[:200],
        recorded_by=actor,
    )


@transaction.atomic
def member_star_rate(actor, *, person, year, stars, note: str = "") -> MemberStar:
    year = year_check(year)
    stars = stars_check(stars)
    org = _member_org(actor, person)
    list(MemberStar.objects.select_for_update().filter(person=person, year=year, is_current=True))
    MemberStar.objects.filter(person=person, year=year, is_current=True).update(is_current=False)
    return MemberStar.objects.create(
        person=person, org=org, year=year, stars=stars, note=(note or "").strip()[:200], given_by=actor
    )


# -- weak and lax organisations (P004-04) -----------------------------------------------------------------


def _money(value) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Give the funds in yuan."), field="support_yuan") from None
    if amount < 0 or amount >= Decimal("1e10") or not amount.is_finite():
        raise DomainError(_("Give the funds in yuan."), field="support_yuan")
    return amount.quantize(Decimal("0.01"))


def _count(value, field: str) -> int:
    try:
        n = int(value or 0)
    except (TypeError, ValueError):
        raise DomainError(_("Give a whole number."), field=field) from None
    if not 0 <= n <= 10000:
        raise DomainError(_("Give a whole number."), field=field)
    return n


def _item_issue(actor, flag: WeakOrgFlag, title: str, working_days) -> WeakOrgItem:
    from lianxin.supervision.services.tasks import task_issue

    title = _text(title, "items", _("Give each rectification item a title."), 100)
    area = flag.org.area
    if area is None:
        raise DomainError(_("%(org)s is anchored to no area.") % {"org": flag.org.name}, field="org")
    case = task_issue(
        actor,
        category=RECTIFICATION_CATEGORY,
        area=area,
        title=f"{flag.org.name}整改：{title}",
        handler={"party_org": flag.org},
        working_days=working_days,
    )
    return WeakOrgItem.objects.create(flag=flag, title=title, deadline=case.handle_due, case=case)


@transaction.atomic
def weak_org_flag(
    actor,
    *,
    org: PartyOrg,
    year,
    reasons: str,
    items=(),
    support_yuan=0,
    staff_sent=0,
    staff_note: str = "",
) -> WeakOrgFlag:
    """Put ``org`` on the 软弱涣散 list for ``year``; each item ``(title, working_days)`` becomes a task for
    the organisation with its deadline."""
    year = year_check(year)
    _visible(PartyOrg, actor, org, "org")
    require(actor, KEEP, org)
    reasons = _text(reasons, "reasons", _("Give the reasons the organisation is weak and lax."))
    support = _money(support_yuan)
    staff = _count(staff_sent, "staff_sent")
    if WeakOrgFlag.objects.filter(org=org, year=year).exists():
        raise DomainError(
            _("%(org)s is already on the list for %(year)s.") % {"org": org.name, "year": year},
            code="invalid_state",
            field="org",
        )
    try:
        with transaction.atomic():
            flag = WeakOrgFlag.objects.create(
                org=org,
                year=year,
                reasons=reasons,
                support_yuan=support,
                staff_sent=staff,
                staff_note=(staff_note or "").strip()[:200],
                flagged_by=actor,
            )
    except IntegrityError:
        raise DomainError(
            _("%(org)s is already on the list for %(year)s.") % {"org": org.name, "year": year},
            code="invalid_state",
            field="org",
        ) from None
    for title, working_days in items:
        _item_issue(actor, flag, title, working_days)
    return flag


@transaction.atomic
def weak_org_item_add(actor, *, flag: WeakOrgFlag, title: str, working_days) -> WeakOrgItem:
    require(actor, KEEP, flag.org)
    if flag.status != WeakOrgStatus.LISTED:
        raise DomainError(_("The rectification has been accepted already."), code="invalid_state")
    return _item_issue(actor, flag, title, working_days)


@transaction.atomic
def weak_org_support_set(actor, *, flag: WeakOrgFlag, support_yuan, staff_sent, staff_note: str = ""):
    require(actor, KEEP, flag.org)
    flag = WeakOrgFlag.objects.select_for_update().get(pk=flag.pk)
    flag.support_yuan = _money(support_yuan)
    flag.staff_sent = _count(staff_sent, "staff_sent")
    flag.staff_note = (staff_note or "").strip()[:200]
    flag.save()
    return flag


def _at_county(actor) -> bool:
    paths = [h.area_path for h in held_with(actor, WEAK_ORG_ACCEPT) if h.area_path]
    return Area.objects.filter(path__in=paths, level__in=[Level.COUNTY, Level.CITY]).exists()


@transaction.atomic
def weak_org_accept(actor, *, flag: WeakOrgFlag, note: str = "") -> WeakOrgFlag:
    """The county's acceptance (验收): the organisation leaves the list."""
    require(actor, WEAK_ORG_ACCEPT, flag.org)
    if not _at_county(actor):
        raise DomainError(_("Only the county accepts a rectification."), code="forbidden")
    flag = WeakOrgFlag.objects.select_for_update().get(pk=flag.pk)
    if flag.status == WeakOrgStatus.ACCEPTED:
        raise DomainError(_("The rectification has been accepted already."), code="invalid_state")
    flag.status = WeakOrgStatus.ACCEPTED
    flag.accepted_by = actor
    flag.accepted_at = timezone.now()
    flag.acceptance_note = (note or "").strip()
    flag.save()
    return flag


def weak_org_remove(actor, *, flag: WeakOrgFlag) -> WeakOrgFlag:
    """Taking an organisation off the list (摘帽) is the county's acceptance, nothing else."""
    require(actor, KEEP, flag.org)
    if flag.status != WeakOrgStatus.ACCEPTED:
        raise DomainError(
            _("Only after the county's acceptance may the flag be removed"), code="invalid_state"
        )
    return flag


# -- checklists (P001-50) ---------------------------------------------------------------------------------


@transaction.atomic
def checklist_template_save(actor, *, name: str, items: list[str], field: str = "", description: str = ""):
    require(actor, CONFIGURE)
    name = _text(name, "name", _("Give the checklist a name."), 50)
    names = [n.strip() for n in items if n and n.strip()]
    if not names:
        raise DomainError(_("Name at least one item."), field="items")
    if len(set(names)) != len(names):
        raise DomainError(_("Two items have the same name."), field="items")
    template, _created = ChecklistTemplate.objects.update_or_create(
        name=name, defaults={"field": field, "description": (description or "").strip()}
    )
    for order, item_name in enumerate(names, start=1):
        ChecklistItem.objects.update_or_create(template=template, name=item_name, defaults={"order": order})
    return template


@transaction.atomic
def checklist_tick(actor, *, item: ChecklistItem, org: PartyOrg, year, evidence: str) -> ChecklistTick:
    """The branch records one item done for the year, with its evidence (a second tick replaces the
    evidence)."""
    year = year_check(year)
    _visible(PartyOrg, actor, org, "org")
    require(actor, CHECKLIST_TICK, org)
    template = item.template
    if template.field and org.field != template.field:
        raise DomainError(
            _("%(checklist)s is for organisations of another field.") % {"checklist": template.name},
            field="org",
        )
    evidence = _text(evidence, "evidence", _("“%(item)s” lacks evidence") % {"item": item.name})
    tick, _created = ChecklistTick.objects.update_or_create(
        item=item,
        org=org,
        year=year,
        defaults={"evidence": evidence, "ticked_by": actor, "ticked_at": timezone.now()},
    )
    return tick


# -- honours and brands (P000-36, P000-38, P000-68, P003-45) ----------------------------------------------


@transaction.atomic
def honour_record(
    actor,
    *,
    kind: str,
    title: str,
    year,
    awarding_body: str,
    person=None,
    area: Area | None = None,
    org: PartyOrg | None = None,
    awarded_on: date | None = None,
    note: str = "",
) -> Honour:
    from lianxin.people.models import Person

    if kind not in HonourKind.values:
        raise DomainError(_("Choose whom the title is awarded to."), field="kind")
    title = _text(title, "title", _("Give the title awarded."), 50)
    year = year_check(year)
    body = _text(awarding_body, "awarding_body", _("Name the awarding body."), 100)
    values = {"person": None, "area": None, "org": None}
    if kind == HonourKind.PERSON:
        _visible(Person, actor, person, "person")
        require(actor, KEEP, at=person.area_path or "-")
        values["person"] = person
    elif kind == HonourKind.BUILDING:
        if area is None or area.level != Level.BUILDING:
            raise DomainError(_("Choose a building."), field="area")
        _visible(Area, actor, area, "area")
        require(actor, KEEP, at=area.path)
        values["area"] = area
    else:
        _visible(PartyOrg, actor, org, "org")
        require(actor, KEEP, org)
        values["org"] = org
    return Honour.objects.create(
        kind=kind,
        title=title,
        year=year,
        awarding_body=body,
        awarded_on=awarded_on,
        note=(note or "").strip()[:200],
        recorded_by=actor,
        **values,
    )


@transaction.atomic
def brand_record(
    actor, *, org: PartyOrg, name: str, year, description: str = "", status: str = BrandStatus.CULTIVATING
) -> PartyBrand:
    _visible(PartyOrg, actor, org, "org")
    require(actor, KEEP, org)
    name = _text(name, "name", _("Give the brand a name."), 100)
    year = year_check(year)
    if status not in BrandStatus.values:
        raise DomainError(_("Choose the brand's status."), field="status")
    if PartyBrand.objects.filter(org=org, name=name).exists():
        raise DomainError(
            _("%(org)s already has the brand %(name)s.") % {"org": org.name, "name": name},
            code="invalid_state",
            field="name",
        )
    return PartyBrand.objects.create(
        org=org,
        name=name,
        year=year,
        description=(description or "").strip(),
        status=status,
        recorded_by=actor,
    )


@transaction.atomic
def brand_status_set(actor, *, brand: PartyBrand, status: str) -> PartyBrand:
    require(actor, KEEP, brand.org)
    if status not in BrandStatus.values:
        raise DomainError(_("Choose the brand's status."), field="status")
    brand.status = status
    brand.save()
    return brand


# -- campaigns and nominations (P000-57) ------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    actor, *, title: str, area: Area, starts_on: date, ends_on: date, description: str = "", activities=()
) -> Campaign:
    if area is None:
        raise DomainError(_("Choose the campaign's area."), field="area")
    _visible(Area, actor, area, "area")
    require(actor, KEEP, at=area.path)
    title = _text(title, "title", _("Give the campaign a title."), 100)
    if starts_on is None or ends_on is None:
        raise DomainError(_("Give the campaign's first and last day."), field="starts_on")
    if ends_on < starts_on:
        raise DomainError(_("The campaign cannot end before it starts."), field="ends_on")
    campaign = Campaign.objects.create(
        title=title,
        area=area,
        starts_on=starts_on,
        ends_on=ends_on,
        description=(description or "").strip(),
        created_by=actor,
    )
    for activity in activities:
        campaign_activity_add(actor, campaign=campaign, activity=activity)
    return campaign


@transaction.atomic
def campaign_activity_add(actor, *, campaign: Campaign, activity) -> Campaign:
    from lianxin.areas.models import PlaceActivity

    require(actor, KEEP, at=campaign.area_path)
    _visible(PlaceActivity, actor, activity, "activity")
    if not campaign.starts_on <= activity.held_on <= campaign.ends_on:
        raise DomainError(_("The activity is held outside the campaign's period."), field="activity")
    campaign.activities.add(activity)
    return campaign


def is_rider(person) -> bool:
    """A courier or delivery rider: in the register of new-employment workers or tagged 快递小哥."""
    from lianxin.party.models import CourierRecord

    return CourierRecord.objects.filter(person=person).exists() or person.tags.filter(code="courier").exists()


@transaction.atomic
def nomination_add(actor, *, campaign: Campaign, person, reason: str = "") -> Nomination:
    from lianxin.people.models import Person

    require(actor, KEEP, at=campaign.area_path)
    _visible(Person, actor, person, "person")
    if not is_rider(person):
        raise DomainError(_("Only couriers and riders are nominated."), field="person")
    if Nomination.objects.filter(campaign=campaign, person=person).exists():
        raise DomainError(
            _("%(name)s is already nominated.") % {"name": person.name}, code="invalid_state", field="person"
        )
    return Nomination.objects.create(
        campaign=campaign, person=person, reason=(reason or "").strip(), nominated_by=actor
    )


NEXT_STATUS = {
    NominationStatus.NOMINATED: NominationStatus.SELECTED,
    NominationStatus.SELECTED: NominationStatus.REWARDED,
}


@transaction.atomic
def nomination_decide(actor, *, nomination: Nomination, status: str, reward: str = "") -> Nomination:
    """Select a nominee, then reward him (the reward named)."""
    require(actor, KEEP, at=nomination.area_path)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if status not in (NominationStatus.SELECTED, NominationStatus.REWARDED):
        raise DomainError(_("Choose selected or rewarded."), field="status")
    if NEXT_STATUS.get(nomination.status) != status:
        raise DomainError(
            _("The nomination is %(status)s: it cannot become that.")
            % {"status": nomination.get_status_display()},
            code="invalid_state",
        )
    if status == NominationStatus.REWARDED:
        nomination.reward = _text(reward, "reward", _("Name the reward."), 100)
    nomination.status = status
    nomination.decided_at = timezone.now()
    nomination.save()
    return nomination


# -- shared practices (P000-55) ---------------------------------------------------------------------------


def sector_committee_of(org: PartyOrg) -> PartyOrg | None:
    """The sector committee ``org`` lies under (or is)."""
    from lianxin.core.paths import ancestor_paths

    return (
        PartyOrg.objects.filter(path__in=ancestor_paths(org.path), kind=OrgKind.SECTOR_COMMITTEE)
        .order_by("-depth")
        .first()
    )


@transaction.atomic
def practice_share(actor, *, org: PartyOrg, title: str, body: str, shared_on: date | None = None):
    _visible(PartyOrg, actor, org, "org")
    require(actor, KEEP, org)
    if sector_committee_of(org) is None:
        raise DomainError(_("Only organisations under a sector committee share practices here."), field="org")
    title = _text(title, "title", _("Give the practice a title."), 100)
    body = _text(body, "body", _("Describe the practice."))
    return SharedPractice.objects.create(
        org=org, title=title, body=body, shared_on=shared_on or timezone.localdate(), shared_by=actor
    )
