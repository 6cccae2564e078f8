"""The standards part's (prefix, router) pairs: star ratings with their figures, member stars and credit,
weak organisations, checklists, honours, party-building brands, campaigns and shared practices. Same
services, selectors and scope as the pages; each list answers its count and figures."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, PlaceActivity
from lianxin.assessment.models import (
    Campaign,
    ChecklistItem,
    ChecklistTemplate,
    CreditRule,
    Nomination,
    PartyBrand,
    StarCriterion,
    StarRating,
    WeakOrgFlag,
)
from lianxin.assessment.selectors import standards as sel
from lianxin.assessment.services import standards as svc
from lianxin.cases.clock import now as clock_now
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.people.models import Person


def this_year() -> int:
    from django.utils import timezone

    return timezone.localtime(clock_now()).year


def _scoped(model, user, pk, field: str):
    if pk is None:
        return None
    obj = model.objects.restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


def _year(value):
    """A query's year: none, or 2000–2100 (400 beyond)."""
    return svc.year_check(value) if value is not None else None


def _org_root(user, org_id):
    return get_for_user(PartyOrg, user, org_id) if org_id else None


def _area_root(user, area_id):
    return get_for_user(Area, user, area_id) if area_id else None


Year = int | None


class StandardsListOut(Schema):
    count: int
    figures: dict[str, Any] = {}
    items: list[dict[str, Any]]
    next_cursor: str | None = None


# -- star ratings -----------------------------------------------------------------------------------------

stars_router = Router(tags=[_("Star ratings")])


def rating_out(r: StarRating, *, evidence: bool = False) -> dict:
    out = {
        "id": r.pk,
        "org_id": r.org_id,
        "org_name": r.org.name,
        "year": r.year,
        "stars": r.stars,
        "rated_by_org": r.rated_by_org.name if r.rated_by_org_id else "",
        "given_by": r.given_by.person.name if r.given_by_id and r.given_by.person_id else "",
        "given_at": r.given_at.isoformat(),
        "is_current": r.is_current,
        "note": r.note,
    }
    if evidence:
        out["evidence"] = [{"criterion": e.criterion.name, "text": e.text} for e in r.evidence.all()]
    return out


class RatingIn(Schema):
    org_id: ObjectId
    year: int = Field(ge=2000, le=2100)
    stars: int = Field(description=_("1 to 5"))
    evidence: dict[str, str] = Field(default_factory=dict, description=_("Criterion name (or id) → evidence"))
    note: str = Field("", max_length=2000)


@stars_router.get("/", response=StandardsListOut, summary=_("Star ratings, with their figures"))
def rating_list(
    request,
    page: Query[PageParams],
    year: int | None = None,
    org_id: ObjectId | None = None,
    field: str = "",
    stars: int | None = None,
):
    """The current rating of each organisation for the year under ``org_id``; figures: the distribution by
    stars, the shares at three stars or more and at five stars against the targets (P003-51)."""
    rows = sel.star_ratings_for(
        user=request.user, year=_year(year) or this_year(), root=_org_root(request.user, org_id), field=field
    )
    figures = sel.star_figures(rows)
    if stars:
        rows = rows.filter(stars=svc.stars_check(stars))
    chunk = paginate(rows, page)
    return {
        "count": rows.count(),
        "figures": figures,
        "items": [rating_out(r) for r in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@stars_router.post("/", response={201: dict[str, Any]}, summary=_("Rate an organisation"))
def rating_create(request, payload: RatingIn):
    org = _scoped(PartyOrg, request.user, payload.org_id, "org_id")
    rating = svc.star_rate(
        request.user,
        org=org,
        year=payload.year,
        stars=payload.stars,
        evidence=payload.evidence,
        note=payload.note,
    )
    return Status(201, rating_out(rating, evidence=True))


@stars_router.get("/criteria", response=list[dict[str, Any]], summary=_("Star criteria"))
def criteria_list(request):
    return [
        {"id": c.pk, "name": c.name, "description": c.description, "is_active": c.is_active}
        for c in StarCriterion.objects.all()
    ]


@stars_router.get("/{rating_id}", response=dict[str, Any], summary=_("A rating, with its evidence"))
def rating_detail(request, rating_id: ObjectId):
    return rating_out(get_for_user(StarRating, request.user, rating_id), evidence=True)


# -- member stars and credit ------------------------------------------------------------------------------

members_router = Router(tags=[_("Member stars and credit")])


class MemberStarIn(Schema):
    person_id: ObjectId
    year: int = Field(ge=2000, le=2100)
    stars: int
    note: str = Field("", max_length=200)


class CreditEventIn(Schema):
    person_id: ObjectId
    rule_id: ObjectId
    happened_on: date | None = None
    note: str = Field("", max_length=200)


def _member_star_out(m, credit: int) -> dict:
    return {
        "id": m.pk,
        "person_id": m.person_id,
        "person_name": m.person.name,
        "org_name": m.org.name,
        "year": m.year,
        "stars": m.stars,
        "credit": credit,
    }


@members_router.get("/", response=StandardsListOut, summary=_("Member stars and credit scores"))
def member_star_list(
    request,
    page: Query[PageParams],
    year: int | None = None,
    org_id: ObjectId | None = None,
):
    year = _year(year) or this_year()
    rows = sel.member_stars_for(user=request.user, year=year, root=_org_root(request.user, org_id))
    chunk = paginate(rows, page)
    credit = sel.credit_scores(person_ids=[m.person_id for m in chunk.items], year=year)
    return {
        "count": rows.count(),
        "figures": {"credit_base": sel.credit_base()},
        "items": [_member_star_out(m, credit[m.person_id]) for m in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@members_router.post("/", response={201: dict[str, Any]}, summary=_("Rate a member"))
def member_star_create(request, payload: MemberStarIn):
    person = _scoped(Person, request.user, payload.person_id, "person_id")
    m = svc.member_star_rate(
        request.user, person=person, year=payload.year, stars=payload.stars, note=payload.note
    )
    credit = sel.credit_scores(person_ids=[m.person_id], year=m.year)[m.person_id]
    return Status(201, _member_star_out(m, credit))


@members_router.get("/credit-rules", response=list[dict[str, Any]], summary=_("Credit rules"))
def credit_rule_list(request):
    return [
        {"id": r.pk, "name": r.name, "points": r.points, "is_active": r.is_active}
        for r in CreditRule.objects.all()
    ]


@members_router.post("/credit-events", response={201: dict[str, Any]}, summary=_("Record a credit event"))
def credit_event_create(request, payload: CreditEventIn):
    person = _scoped(Person, request.user, payload.person_id, "person_id")
    rule = CreditRule.objects.filter(pk=payload.rule_id).first()
    event = svc.credit_event_record(
        request.user, person=person, rule=rule, happened_on=payload.happened_on, note=payload.note
    )
    credit = sel.credit_scores(person_ids=[person.pk], year=event.happened_on.year)[person.pk]
    return Status(201, {"id": event.pk, "rule": event.rule.name, "points": event.points, "credit": credit})


# -- weak and lax organisations ---------------------------------------------------------------------------

weak_router = Router(tags=[_("Weak and lax organisations")])


class ItemIn(Schema):
    title: str = Field(max_length=100)
    working_days: int = Field(15, ge=1, le=365)


class WeakOrgIn(Schema):
    org_id: ObjectId
    year: int = Field(ge=2000, le=2100)
    reasons: str = Field(max_length=4000)
    items: list[ItemIn] = []
    support_yuan: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)
    staff_sent: int = Field(0, ge=0, le=10000)
    staff_note: str = Field("", max_length=200)


class AcceptIn(Schema):
    note: str = Field("", max_length=2000)


def weak_out(f: WeakOrgFlag, *, items: bool = False) -> dict:
    out = {
        "id": f.pk,
        "org_id": f.org_id,
        "org_name": f.org.name,
        "year": f.year,
        "reasons": f.reasons,
        "support_yuan": str(f.support_yuan),
        "staff_sent": f.staff_sent,
        "staff_note": f.staff_note,
        "status": f.status,
        "status_label": str(f.get_status_display()),
        "accepted_at": f.accepted_at.isoformat() if f.accepted_at else None,
    }
    if items:
        out["items"] = [
            {
                "id": i.pk,
                "title": i.title,
                "case_id": i.case_id,
                "deadline": i.deadline.isoformat() if i.deadline else None,
                "case_state": i.case.state if i.case_id else "",
                "overdue": bool(i.case_id and i.case.handle_overdue),
            }
            for i in sel.weak_org_items(f)
        ]
    return out


@weak_router.get(
    "/", response=StandardsListOut, summary=_("Weak and lax organisations, with counts per area")
)
def weak_list(
    request,
    page: Query[PageParams],
    year: int | None = None,
    status: str = "listed",
    area_id: ObjectId | None = None,
):
    root = _area_root(request.user, area_id)
    rows = sel.weak_orgs_for(user=request.user, year=_year(year), status=status, root=root)
    chunk = paginate(rows, page)
    return {
        "count": rows.count(),
        "figures": {"by_area": sel.counts_by_area(rows, user=request.user, root=root)},
        "items": [weak_out(f) for f in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@weak_router.post("/", response={201: dict[str, Any]}, summary=_("Flag an organisation as weak and lax"))
def weak_create(request, payload: WeakOrgIn):
    org = _scoped(PartyOrg, request.user, payload.org_id, "org_id")
    flag = svc.weak_org_flag(
        request.user,
        org=org,
        year=payload.year,
        reasons=payload.reasons,
        items=[(i.title, i.working_days) for i in payload.items],
        support_yuan=payload.support_yuan,
        staff_sent=payload.staff_sent,
        staff_note=payload.staff_note,
    )
    return Status(201, weak_out(flag, items=True))


@weak_router.get("/{flag_id}", response=dict[str, Any], summary=_("A weak organisation, with its items"))
def weak_detail(request, flag_id: ObjectId):
    return weak_out(get_for_user(WeakOrgFlag, request.user, flag_id), items=True)


@weak_router.post("/{flag_id}/items", response={201: dict[str, Any]}, summary=_("Add a rectification item"))
def weak_item_add(request, flag_id: ObjectId, payload: ItemIn):
    flag = get_for_user(WeakOrgFlag, request.user, flag_id, CHANGE)
    svc.weak_org_item_add(request.user, flag=flag, title=payload.title, working_days=payload.working_days)
    return Status(201, weak_out(flag, items=True))


@weak_router.post(
    "/{flag_id}/accept", response=dict[str, Any], summary=_("The county accepts the rectification")
)
def weak_accept(request, flag_id: ObjectId, payload: AcceptIn):
    flag = get_for_user(WeakOrgFlag, request.user, flag_id, CHANGE)
    return weak_out(svc.weak_org_accept(request.user, flag=flag, note=payload.note), items=True)


@weak_router.delete("/{flag_id}", response=dict[str, Any], summary=_("Take an organisation off the list"))
def weak_remove(request, flag_id: ObjectId):
    """Only the county's acceptance takes an organisation off the list: before it, 409."""
    flag = get_for_user(WeakOrgFlag, request.user, flag_id, CHANGE)
    return weak_out(svc.weak_org_remove(request.user, flag=flag))


# -- checklists -------------------------------------------------------------------------------------------

checklist_router = Router(tags=[_("Checklists")])


class ChecklistTickIn(Schema):
    item_id: ObjectId
    org_id: ObjectId
    year: int = Field(ge=2000, le=2100)
    evidence: str = Field(max_length=4000)


@checklist_router.get("/", response=list[dict[str, Any]], summary=_("Checklists"))
def checklist_list(request):
    return [
        {"id": t.pk, "name": t.name, "field": t.field, "items": [i.name for i in t.items.all()]}
        for t in ChecklistTemplate.objects.filter(is_active=True).prefetch_related("items")
    ]


@checklist_router.get(
    "/{template_id}/progress", response=StandardsListOut, summary=_("Each branch's completion")
)
def checklist_progress(
    request,
    template_id: ObjectId,
    year: int | None = None,
    org_id: ObjectId | None = None,
):
    template = ChecklistTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise Http404
    items, rows = sel.checklist_progress(
        user=request.user,
        template=template,
        year=_year(year) or this_year(),
        root=_org_root(request.user, org_id),
    )
    return {
        "count": len(rows),
        "figures": sel.checklist_figures(rows),
        "items": [
            {
                "org_id": r.org.pk,
                "org_name": r.org.name,
                "done": r.done,
                "total": r.total,
                "percent": r.percent,
                "ticked": [i.name for i in items if i.pk in r.ticks],
            }
            for r in rows
        ],
    }


@checklist_router.post("/{template_id}/ticks", response={201: dict[str, Any]}, summary=_("Tick an item"))
def checklist_tick(request, template_id: ObjectId, payload: ChecklistTickIn):
    item = ChecklistItem.objects.filter(pk=payload.item_id, template_id=template_id).first()
    if item is None:
        raise DomainError(str(_("Choose an item of this checklist.")), field="item_id")
    org = _scoped(PartyOrg, request.user, payload.org_id, "org_id")
    tick = svc.checklist_tick(request.user, item=item, org=org, year=payload.year, evidence=payload.evidence)
    return Status(201, {"id": tick.pk, "item": item.name, "org_id": org.pk, "year": tick.year})


# -- honours ----------------------------------------------------------------------------------------------

honours_router = Router(tags=[_("Honours")])


class HonourIn(Schema):
    kind: str = Field(description=_("person, building or organisation"))
    title: str = Field(max_length=50)
    year: int = Field(ge=2000, le=2100)
    awarding_body: str = Field(max_length=100)
    person_id: ObjectId | None = None
    area_id: ObjectId | None = None
    org_id: ObjectId | None = None
    awarded_on: date | None = None
    note: str = Field("", max_length=200)


def honour_out(h) -> dict:
    return {
        "id": h.pk,
        "kind": h.kind,
        "kind_label": str(h.get_kind_display()),
        "title": h.title,
        "year": h.year,
        "awarding_body": h.awarding_body,
        "holder": h.holder_name,
        "person_id": h.person_id,
        "area_id": h.area_id,
        "org_id": h.org_id,
    }


@honours_router.get("/", response=StandardsListOut, summary=_("Honours, counted by type, area and period"))
def honour_list(
    request,
    page: Query[PageParams],
    kind: str = "",
    title: str = "",
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    area_id: ObjectId | None = None,
):
    root = _area_root(request.user, area_id)
    rows = sel.honours_for(
        user=request.user,
        kind=kind,
        year=_year(year),
        title=title,
        root=root,
        since=_year(since),
        until=_year(until),
    )
    chunk = paginate(rows, page)
    return {
        "count": rows.count(),
        "figures": sel.honour_figures(rows, user=request.user, root=root),
        "items": [honour_out(h) for h in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@honours_router.post("/", response={201: dict[str, Any]}, summary=_("Record an honour"))
def honour_create(request, payload: HonourIn):
    user = request.user
    honour = svc.honour_record(
        user,
        kind=payload.kind,
        title=payload.title,
        year=payload.year,
        awarding_body=payload.awarding_body,
        person=_scoped(Person, user, payload.person_id, "person_id"),
        area=_scoped(Area, user, payload.area_id, "area_id"),
        org=_scoped(PartyOrg, user, payload.org_id, "org_id"),
        awarded_on=payload.awarded_on,
        note=payload.note,
    )
    return Status(201, honour_out(honour))


# -- party-building brands --------------------------------------------------------------------------------

brands_router = Router(tags=[_("Party-building brands")])


class BrandIn(Schema):
    org_id: ObjectId
    name: str = Field(max_length=100)
    year: int = Field(ge=2000, le=2100)
    description: str = Field("", max_length=4000)
    status: str = Field("cultivating", description=_("cultivating or named"))


class BrandStatusIn(Schema):
    status: str


def brand_out(b: PartyBrand) -> dict:
    return {
        "id": b.pk,
        "name": b.name,
        "org_id": b.org_id,
        "org_name": b.org.name,
        "year": b.year,
        "description": b.description,
        "status": b.status,
        "status_label": str(b.get_status_display()),
    }


@brands_router.get("/", response=StandardsListOut, summary=_("Party-building brands"))
def brand_list(
    request,
    page: Query[PageParams],
    status: str = "",
    year: int | None = None,
    org_id: ObjectId | None = None,
):
    rows = sel.brands_for(
        user=request.user, status=status, year=_year(year), root=_org_root(request.user, org_id)
    )
    chunk = paginate(rows, page)
    return {
        "count": rows.count(),
        "figures": sel.brand_figures(rows),
        "items": [brand_out(b) for b in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@brands_router.post("/", response={201: dict[str, Any]}, summary=_("Record a brand"))
def brand_create(request, payload: BrandIn):
    org = _scoped(PartyOrg, request.user, payload.org_id, "org_id")
    brand = svc.brand_record(
        request.user,
        org=org,
        name=payload.name,
        year=payload.year,
        description=payload.description,
        status=payload.status,
    )
    return Status(201, brand_out(brand))


@brands_router.post("/{brand_id}/status", response=dict[str, Any], summary=_("Change a brand's status"))
def brand_status(request, brand_id: ObjectId, payload: BrandStatusIn):
    brand = get_for_user(PartyBrand, request.user, brand_id, CHANGE)
    return brand_out(svc.brand_status_set(request.user, brand=brand, status=payload.status))


# -- campaigns --------------------------------------------------------------------------------------------

campaigns_router = Router(tags=[_("Campaigns")])


class CampaignIn(Schema):
    title: str = Field(max_length=100)
    area_id: ObjectId
    starts_on: date
    ends_on: date
    description: str = Field("", max_length=4000)
    activity_ids: list[ObjectId] = []


class NominationIn(Schema):
    person_id: ObjectId
    reason: str = Field("", max_length=2000)


class StandardsDecisionIn(Schema):
    status: str = Field(description=_("selected, then rewarded"))
    reward: str = Field("", max_length=100)


def campaign_out(c: Campaign) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "area_id": c.area_id,
        "area_name": c.area.name,
        "starts_on": c.starts_on.isoformat(),
        "ends_on": c.ends_on.isoformat(),
        "description": c.description,
        "activity_count": getattr(c, "activity_count", None) or c.activities.count(),
        "nomination_count": getattr(c, "nomination_count", None) or c.nominations.count(),
    }


def nomination_out(n) -> dict:
    record = getattr(n, "record", None)
    out = {
        "id": n.pk,
        "person_id": n.person_id,
        "person_name": n.person.name,
        "status": n.status,
        "status_label": str(n.get_status_display()),
        "reason": n.reason,
        "reward": n.reward,
    }
    if record is not None:
        out["reports"] = record.report_count
        out["activities"] = record.activity_count
        out["campaign_activities"] = record.campaign_activities
    return out


@campaigns_router.get("/", response=StandardsListOut, summary=_("Campaigns"))
def campaign_list(request, page: Query[PageParams]):
    rows = sel.campaigns_for(user=request.user)
    chunk = paginate(rows, page)
    return {
        "count": rows.count(),
        "items": [campaign_out(c) for c in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@campaigns_router.post("/", response={201: dict[str, Any]}, summary=_("Set up a campaign"))
def campaign_create(request, payload: CampaignIn):
    user = request.user
    activities = [_scoped(PlaceActivity, user, pk, "activity_ids") for pk in payload.activity_ids]
    campaign = svc.campaign_create(
        user,
        title=payload.title,
        area=_scoped(Area, user, payload.area_id, "area_id"),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        description=payload.description,
        activities=activities,
    )
    return Status(201, campaign_out(campaign))


@campaigns_router.get("/{campaign_id}", response=dict[str, Any], summary=_("A campaign with its nominations"))
def campaign_detail(request, campaign_id: ObjectId):
    """The nominees with their record for the period: cases reported, activities signed in to."""
    campaign = get_for_user(Campaign, request.user, campaign_id)
    out = campaign_out(campaign)
    out["nominations"] = [
        nomination_out(n) for n in sel.nominations_for(user=request.user, campaign=campaign)
    ]
    return out


@campaigns_router.post(
    "/{campaign_id}/nominations", response={201: dict[str, Any]}, summary=_("Nominate a rider")
)
def nomination_create(request, campaign_id: ObjectId, payload: NominationIn):
    campaign = get_for_user(Campaign, request.user, campaign_id, CHANGE)
    person = _scoped(Person, request.user, payload.person_id, "person_id")
    n = svc.nomination_add(request.user, campaign=campaign, person=person, reason=payload.reason)
    n.record = sel.rider_record(
        person=person, starts_on=campaign.starts_on, ends_on=campaign.ends_on, campaign=campaign
    )
    return Status(201, nomination_out(n))


@campaigns_router.post(
    "/{campaign_id}/nominations/{nomination_id}/decide",
    response=dict[str, Any],
    summary=_("Select or reward"),
)
def nomination_decide(request, campaign_id: ObjectId, nomination_id: ObjectId, payload: StandardsDecisionIn):
    n = get_for_user(Nomination.objects.filter(campaign_id=campaign_id), request.user, nomination_id, CHANGE)
    return nomination_out(
        svc.nomination_decide(request.user, nomination=n, status=payload.status, reward=payload.reward)
    )


# -- shared practices -------------------------------------------------------------------------------------

practices_router = Router(tags=[_("Shared practices")])


class PracticeIn(Schema):
    org_id: ObjectId
    title: str = Field(max_length=100)
    body: str = Field(max_length=4000)


@practices_router.get("/", response=StandardsListOut, summary=_("The sector committees whose board you see"))
def board_list(request):
    rows = sel.sector_committees_for(user=request.user)
    return {"count": rows.count(), "items": [{"id": c.pk, "name": c.name, "sector": c.sector} for c in rows]}


@practices_router.get("/{committee_id}", response=dict[str, Any], summary=_("One sector's board, ranked"))
def board_detail(request, committee_id: ObjectId, year: int | None = None):
    """The organisations under the committee ranked by activities of the year, and their shared practices;
    404 for an organisation of another sector."""
    committee = sel.committee_for_board(user=request.user, pk=committee_id)
    rows, practices = sel.practice_board(committee=committee, year=_year(year) or this_year())
    return {
        "committee": committee.name,
        "count": len(rows),
        "ranking": [
            {
                "rank": r.rank,
                "org_id": r.org.pk,
                "org_name": r.org.name,
                "activities": r.activities,
                "practices": r.practices,
            }
            for r in rows
        ],
        "practices": [
            {
                "id": p.pk,
                "org_name": p.org.name,
                "title": p.title,
                "body": p.body,
                "shared_on": p.shared_on.isoformat(),
            }
            for p in practices
        ],
    }


@practices_router.post("/", response={201: dict[str, Any]}, summary=_("Share a practice"))
def practice_create(request, payload: PracticeIn):
    org = _scoped(PartyOrg, request.user, payload.org_id, "org_id")
    p = svc.practice_share(request.user, org=org, title=payload.title, body=payload.body)
    return Status(201, {"id": p.pk, "org_id": org.pk, "title": p.title, "shared_on": p.shared_on.isoformat()})


ROUTERS: list = [
    ("/star-ratings/", stars_router),
    ("/member-stars/", members_router),
    ("/weak-orgs/", weak_router),
    ("/checklists/", checklist_router),
    ("/honours/", honours_router),
    ("/party-brands/", brands_router),
    ("/campaigns/", campaigns_router),
    ("/shared-practices/", practices_router),
]
