"""Setting up and keeping party organisations and their members, for the organisation department and the
secretaries within their scope; and the records that hang on organisations: key industry chains (P000-59),
member model posts and responsibility areas (P000-67), secretary studios (P004-37).

Every write checks the actor's scope with ``restrict(actor, CHANGE)`` and his role (``org_managers``), and
is audited through the models' registration (bulk path rewrites write one record themselves).
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.audit.services import audit_record
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, under
from lianxin.party.models import Field, Membership, MembershipKind, OrgKind, PartyOrg, Sector, SetupMode
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.member_posts import MemberPost, MemberPostKind
from lianxin.party.models.studios import SecretaryStudio, StudioMentee
from lianxin.party.services.tree import party_org_anchor_check, party_org_create
from lianxin.people.models import Organisation, Person, Post
from lianxin.people.roles import Role


def org_manager(user) -> bool:
    """Whether one of the user's current posts sets up organisations and keeps their members
    ("party_org.edit": the organisation department and the secretaries)."""
    return may(user, "party_org.edit")


def org_manager_require(actor) -> None:
    if not org_manager(actor):
        raise DomainError(
            _("Only the organisation department and party secretaries may do this."), code="forbidden"
        )


def _writable(model, actor, obj, message: str) -> None:
    if obj is not None and not model.objects.restrict(actor, CHANGE).filter(pk=obj.pk).exists():
        raise DomainError(message, code="forbidden")


def _choice(value: str, choices, field: str, *, blank: bool = True) -> str:
    value = (value or "").strip()
    if value == "" and blank:
        return ""
    if value not in choices.values:
        raise DomainError(_("Choose one of the listed values."), code="invalid", field=field)
    return value


def _end_day(start: date, on: date) -> date:
    # The old record ends the day before the new one starts: exactly one is current on any day.
    return max(start, on - timedelta(days=1))


def _secretary_set(*, actor, org: PartyOrg, person: Person | None, on: date) -> None:
    """Make ``person`` the organisation's secretary from ``on``: the previous secretary's post ends. Both
    go through the posts' one rule (``post_write_check``): nobody makes himself secretary or ends his own
    secretary's post, no administrator becomes one, and only a party member is one."""
    from lianxin.people.appointments import post_write_check

    current = list(Post.objects.current(on).filter(party_org=org, role=Role.SECRETARY))
    if person is not None and any(p.person_id == person.pk for p in current):
        return
    if person is not None and not Person.objects.restrict(actor, VIEW).filter(pk=person.pk).exists():
        raise DomainError(_("Choose a person within your scope."), code="invalid", field="secretary")
    for post in current:
        post_write_check(actor=actor, person=post.person)
    if person is not None:
        try:
            post_write_check(actor=actor, person=person, role=Role.SECRETARY)
        except DomainError as error:
            raise DomainError(error.message, code=error.code, field="secretary") from None
    for post in current:
        post.end_date = _end_day(post.start_date, on)
        post.save(update_fields=["end_date"])
    if person is not None:
        Post.objects.create(
            person=person,
            role=Role.SECRETARY,
            party_org=org,
            party_org_path=org.path,
            area_path=org.area_path,
            start_date=on,
        )


def _org_fields(kind, field, sector, setup_mode) -> dict:
    return {
        "kind": _choice(kind, OrgKind, "kind", blank=False),
        "field": _choice(field, Field, "field"),
        "sector": _choice(sector, Sector, "sector"),
        "setup_mode": _choice(setup_mode, SetupMode, "setup_mode"),
    }


@transaction.atomic
def party_org_add(
    *,
    actor,
    parent: PartyOrg | None,
    kind: str,
    name: str,
    area: Area | None = None,
    secretary: Person | None = None,
    field: str = "",
    sector: str = "",
    setup_mode: str = "",
    founded_on: date | None = None,
    organisations=None,
    has_plaque: bool = False,
    office_place: str = "",
    operating_since: date | None = None,
) -> PartyOrg:
    """A new organisation under ``parent`` (a top organisation only for the organisation department)."""
    org_manager_require(actor)
    if parent is None and not may(actor, "party_org.create_top"):
        raise DomainError(_("Choose the organisation it belongs to."), code="invalid", field="parent")
    _writable(Area, actor, area, _("You may not anchor organisations to this area."))
    values = _org_fields(kind, field, sector, setup_mode)
    org = party_org_create(
        actor=actor,
        parent=parent,
        kind=values.pop("kind"),
        name=name,
        area=area,
        founded_on=founded_on,
        has_plaque=has_plaque,
        office_place=office_place.strip(),
        operating_since=operating_since,
        **values,
    )
    if area is None and parent is not None and parent.area_path:
        # Not anchored to an area of its own: it sits where its parent does, so those who see the parent's
        # area see it too (a chain general branch in the development zone, a joint branch).
        org.area_path = parent.area_path
        org.save(update_fields=["area_path"])
    if secretary is not None:
        _secretary_set(actor=actor, org=org, person=secretary, on=timezone.localdate())
    _organisations_set(actor=actor, org=org, organisations=organisations)
    return org


def _organisations_set(*, actor, org: PartyOrg, organisations) -> None:
    """The companies or enterprises this organisation covers (P000-40): each must be within the actor's
    scope; ``None`` leaves them as they are."""
    if organisations is None:
        return
    organisations = list(organisations)
    visible = set(
        Organisation.objects.restrict(actor, VIEW)
        .filter(pk__in=[o.pk for o in organisations])
        .values_list("pk", flat=True)
    )
    if len(visible) != len({o.pk for o in organisations}):
        raise DomainError(_("Choose enterprises within your scope."), code="invalid", field="organisations")
    org.organisations.set(organisations)


def _org_paths_rewrite(*, actor, org: PartyOrg, old_prefix: str) -> None:
    new_prefix = org.path
    for model, field in (
        (Membership, "org_path"),
        (Post, "party_org_path"),
        (MemberPost, "org_path"),
    ):
        model._base_manager.filter(under(field, old_prefix)).update(
            **{field: Concat(Value(new_prefix), Substr(F(field), len(old_prefix) + 1, Length(F(field))))}
        )
    audit_record(
        action="update",
        actor=actor,
        obj=org,
        detail={"moved": {"from": old_prefix, "to": new_prefix}},
    )


def _groups_stay_inside(org: PartyOrg, area: Area | None) -> None:
    """A building group sits in a building of its branch's estate (P003-03): a branch whose groups would be
    left on another estate's buildings is not moved. Its groups do not move with it, as no building of the
    new estate is theirs: someone who knows which building is which re-anchors or removes them first."""
    if area is not None and area.pk == org.area_id:
        return
    groups = PartyOrg.objects.filter(under("path", org.path), kind=OrgKind.GROUP, area__isnull=False).exclude(
        pk=org.pk
    )
    if area is not None:
        groups = groups.exclude(under("area_path", area.path))
    names = list(groups.order_by("path").values_list("name", flat=True)[:5])
    if names:
        raise DomainError(
            _(
                "%(org)s has party groups on buildings outside %(area)s (%(groups)s). Anchor them to "
                "buildings of the new place or remove them first."
            )
            % {"org": org.name, "area": area.name if area else "—", "groups": "、".join(names)},
            code="groups_outside",
            field="area",
        )


@transaction.atomic
def party_org_edit(
    *,
    actor,
    org: PartyOrg,
    name: str,
    kind: str,
    parent: PartyOrg | None,
    area: Area | None,
    secretary: Person | None,
    field: str = "",
    sector: str = "",
    setup_mode: str = "",
    founded_on: date | None = None,
    organisations=None,
    has_plaque: bool = False,
    office_place: str = "",
    operating_since: date | None = None,
) -> PartyOrg:
    """Change an organisation: its name, kind, anchor, secretary, and the organisation it belongs to (its
    subtree, members and posts follow it)."""
    org_manager_require(actor)
    _writable(PartyOrg, actor, org, _("You may not change %(org)s.") % {"org": org.name})
    org = PartyOrg.objects.get(pk=org.pk)
    if not name.strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    values = _org_fields(kind, field, sector, setup_mode)
    current_parent = PartyOrg.objects.get_parent(org)
    if parent is not None and (current_parent is None or parent.pk != current_parent.pk):
        if parent.path.startswith(org.path):
            raise DomainError(
                _("An organisation cannot be put under itself or under one of its own."),
                code="cycle",
                field="parent",
            )
        _writable(
            PartyOrg, actor, parent, _("You may not add organisations under %(org)s.") % {"org": parent.name}
        )
        old_path = org.path
        PartyOrg.objects.move(org, PartyOrg.objects.get(pk=parent.pk), "last-child")
        org = PartyOrg.objects.get(pk=org.pk)
        _org_paths_rewrite(actor=actor, org=org, old_prefix=old_path)
        current_parent = parent
    if area is None or area.pk != org.area_id:
        _writable(Area, actor, area, _("You may not anchor organisations to this area."))
    party_org_anchor_check(current_parent, values["kind"], area)
    _groups_stay_inside(org, area)
    org.name = name.strip()
    org.area = area
    org.area_path = area.path if area else (current_parent.area_path if current_parent else "")
    org.founded_on = founded_on
    # Plaque and physical operation (挂牌办公、实体化运行, P004-07).
    org.has_plaque = has_plaque
    org.office_place = office_place.strip()
    org.operating_since = operating_since
    for key, value in values.items():
        setattr(org, key, value)
    org.save()
    Post.objects.filter(party_org=org).update(area_path=org.area_path)
    if secretary is not None:
        # No secretary named: the present one stays (a form without his number must not remove him).
        _secretary_set(actor=actor, org=org, person=secretary, on=timezone.localdate())
    _organisations_set(actor=actor, org=org, organisations=organisations)
    return org


@transaction.atomic
def membership_add(
    *,
    actor,
    person: Person,
    org: PartyOrg,
    kind: str = MembershipKind.FULL,
    is_home: bool = True,
    is_mobile: bool = False,
    work_place: str = "",
    applied_on: date | None = None,
    joined_on: date | None = None,
    start_date: date | None = None,
) -> Membership:
    """Enrol a person in an organisation: full, probationary or applicant; home (organisational relation
    held here) or not (a mobile member's enrolment, a dual registration)."""
    org_manager_require(actor)
    _writable(PartyOrg, actor, org, _("You may not change %(org)s.") % {"org": org.name})
    if not Person.objects.restrict(actor, VIEW).filter(pk=person.pk).exists():
        raise DomainError(_("Choose a person within your scope."), code="invalid", field="person")
    kind = _choice(kind, MembershipKind, "kind", blank=False)
    on = start_date or timezone.localdate()
    held = Membership.objects.current(on).filter(person=person)
    if held.filter(org=org).exists():
        raise DomainError(
            _("%(person)s is already enrolled in %(org)s.") % {"person": person.name, "org": org.name},
            code="exists",
            field="person",
        )
    home = held.filter(is_home=True).select_related("org").first()
    if is_home and home is not None:
        raise DomainError(
            _("The organisational relation of %(person)s is held by %(org)s: move it from there.")
            % {"person": person.name, "org": home.org.name},
            code="exists",
            field="is_home",
        )
    if kind != MembershipKind.APPLICANT and joined_on is None:
        joined_on = on
    return Membership.objects.create(
        person=person,
        org=org,
        org_path=org.path,
        area_path=person.area_path,
        kind=kind,
        is_home=is_home,
        is_mobile=is_mobile,
        work_place=work_place.strip(),
        applied_on=applied_on,
        joined_on=joined_on,
        start_date=on,
    )


@transaction.atomic
def membership_edit(
    *,
    actor,
    membership: Membership,
    kind: str,
    is_mobile: bool,
    work_place: str = "",
    joined_on: date | None = None,
    move_to: PartyOrg | None = None,
    end_on: date | None = None,
) -> Membership:
    """Change a membership's kind (a probationary member becomes full), his mobile status and work place;
    move his organisational relation (``move_to``: the old record ends, history kept) or end it."""
    from lianxin.party.services.tree import membership_move

    org_manager_require(actor)
    _writable(
        Membership,
        actor,
        membership,
        _("You may not change this membership."),
    )
    membership = Membership.objects.select_related("org").get(pk=membership.pk)
    if membership.end_date is not None:
        raise DomainError(_("This membership has already ended."), code="ended")
    membership.kind = _choice(kind, MembershipKind, "kind", blank=False)
    membership.is_mobile = is_mobile
    membership.work_place = work_place.strip()
    if joined_on is not None:
        membership.joined_on = joined_on
    membership.save()
    if end_on is not None:
        if end_on < membership.start_date:
            raise DomainError(_("A membership cannot end before it starts."), code="invalid", field="end_on")
        membership.end_date = end_on
        membership.save(update_fields=["end_date"])
        return membership
    if move_to is not None and move_to.pk != membership.org_id:
        _writable(PartyOrg, actor, move_to, _("You may not change %(org)s.") % {"org": move_to.name})
        return membership_move(actor=actor, membership=membership, to=move_to)
    return membership


# -- key industry chains (P000-59 … P000-61) -------------------------------------------------------------


def _chain_values(*, actor, area, is_ready, party_org, enterprises) -> None:
    if area is None:
        raise DomainError(_("Choose the area the chain belongs to."), code="required", field="area")
    _writable(Area, actor, area, _("You may not keep chains of this area."))
    if party_org is not None:
        if not is_ready:
            raise DomainError(
                _(
                    "Mark the chain ready before recording its party organisation: one chain is organised "
                    "as it matures."
                ),
                code="invalid",
                field="party_org",
            )
        if not PartyOrg.objects.restrict(actor, VIEW).filter(pk=party_org.pk).exists():
            raise DomainError(
                _("Choose an organisation within your scope."), code="invalid", field="party_org"
            )
    visible = set(Organisation.objects.restrict(actor, VIEW).values_list("pk", flat=True))
    if any(e.pk not in visible for e in enterprises):
        raise DomainError(_("Choose enterprises within your scope."), code="invalid", field="enterprises")


@transaction.atomic
def industry_chain_create(
    *,
    actor,
    area: Area | None,
    name: str,
    is_ready: bool = False,
    ready_on: date | None = None,
    party_org: PartyOrg | None = None,
    enterprises=(),
    note: str = "",
) -> IndustryChain:
    org_manager_require(actor)
    if not name.strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    enterprises = list(enterprises)
    _chain_values(actor=actor, area=area, is_ready=is_ready, party_org=party_org, enterprises=enterprises)
    if IndustryChain.objects.filter(area=area, name=name.strip()).exists():
        raise DomainError(_("This chain is already on the list."), code="exists", field="name")
    chain = IndustryChain.objects.create(
        name=name.strip(),
        area=area,
        area_path=area.path,
        is_ready=is_ready,
        ready_on=(ready_on or timezone.localdate()) if is_ready else None,
        party_org=party_org,
        note=note.strip(),
    )
    chain.enterprises.set(enterprises)
    return chain


@transaction.atomic
def industry_chain_edit(
    *,
    actor,
    chain: IndustryChain,
    name: str,
    is_ready: bool,
    ready_on: date | None = None,
    party_org: PartyOrg | None = None,
    enterprises=(),
    note: str = "",
) -> IndustryChain:
    org_manager_require(actor)
    _writable(IndustryChain, actor, chain, _("You may not change this chain."))
    if not name.strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    enterprises = list(enterprises)
    _chain_values(
        actor=actor, area=chain.area, is_ready=is_ready, party_org=party_org, enterprises=enterprises
    )
    if IndustryChain.objects.filter(area=chain.area, name=name.strip()).exclude(pk=chain.pk).exists():
        raise DomainError(_("This chain is already on the list."), code="exists", field="name")
    chain.name = name.strip()
    chain.is_ready = is_ready
    chain.ready_on = (ready_on or chain.ready_on or timezone.localdate()) if is_ready else None
    chain.party_org = party_org
    chain.note = note.strip()
    chain.save()
    chain.enterprises.set(enterprises)
    return chain


# -- member model posts and responsibility areas (P000-67) ---------------------------------------------------


@transaction.atomic
def member_post_designate(
    *, actor, org: PartyOrg, kind: str, name: str, holder: Person, designated_on: date | None = None
) -> MemberPost:
    """Designate a member's model post, responsibility area or shock team: the holder must be a member
    (full or probationary) of the organisation or of one under it, and not the one who designates it (the
    posts' one rule, ``post_write_check``: nobody sets his own posts)."""
    from lianxin.people.appointments import post_write_check

    org_manager_require(actor)
    _writable(PartyOrg, actor, org, _("You may not change %(org)s.") % {"org": org.name})
    post_write_check(actor=actor, person=holder)
    kind = _choice(kind, MemberPostKind, "kind", blank=False)
    if not name.strip():
        raise DomainError(_("Name the post, workshop, counter or area."), code="required", field="name")
    on = designated_on or timezone.localdate()
    is_member = (
        Membership.objects.current(on)
        .filter(under("org_path", org.path), person=holder)
        .exclude(kind=MembershipKind.APPLICANT)
        .exists()
    )
    if not is_member:
        raise DomainError(
            _("%(person)s is not a member of %(org)s.") % {"person": holder.name, "org": org.name},
            code="invalid",
            field="holder",
        )
    return MemberPost.objects.create(
        org=org,
        org_path=org.path,
        area_path=org.area_path,
        kind=kind,
        name=name.strip(),
        holder=holder,
        designated_on=on,
    )


@transaction.atomic
def member_post_end(*, actor, member_post: MemberPost, on: date | None = None) -> MemberPost:
    from lianxin.people.appointments import post_write_check

    org_manager_require(actor)
    _writable(MemberPost, actor, member_post, _("You may not change this record."))
    post_write_check(actor=actor, person=member_post.holder)
    on = on or timezone.localdate()
    if member_post.ended_on is not None:
        raise DomainError(_("This has already ended."), code="ended")
    member_post.ended_on = max(on, member_post.designated_on)
    member_post.save(update_fields=["ended_on"])
    return member_post


# -- secretary studios (P004-37) -------------------------------------------------------------------------


def _is_secretary(person: Person) -> bool:
    return Post.objects.current().filter(person=person, role=Role.SECRETARY).exists()


@transaction.atomic
def secretary_studio_create(
    *, actor, name: str, lead: Person, area: Area, founded_on: date | None = None
) -> SecretaryStudio:
    org_manager_require(actor)
    if not name.strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    _writable(Area, actor, area, _("You may not keep studios of this area."))
    if not _is_secretary(lead):
        raise DomainError(
            _("%(person)s holds no secretary post.") % {"person": lead.name}, code="invalid", field="lead"
        )
    return SecretaryStudio.objects.create(
        name=name.strip(),
        lead=lead,
        area=area,
        area_path=area.path,
        founded_on=founded_on or timezone.localdate(),
    )


@transaction.atomic
def studio_mentee_add(
    *, actor, studio: SecretaryStudio, mentee: Person, since: date | None = None
) -> StudioMentee:
    org_manager_require(actor)
    _writable(SecretaryStudio, actor, studio, _("You may not change this studio."))
    if mentee.pk == studio.lead_id:
        raise DomainError(_("The lead secretary cannot be his own mentee."), code="invalid", field="mentee")
    if not _is_secretary(mentee):
        raise DomainError(
            _("%(person)s holds no secretary post.") % {"person": mentee.name}, code="invalid", field="mentee"
        )
    if StudioMentee.objects.filter(studio=studio, mentee=mentee, until__isnull=True).exists():
        raise DomainError(
            _("%(person)s is already a mentee of this studio.") % {"person": mentee.name},
            code="exists",
            field="mentee",
        )
    return StudioMentee.objects.create(
        studio=studio, mentee=mentee, area_path=mentee.area_path, since=since or timezone.localdate()
    )


@transaction.atomic
def studio_mentee_end(*, actor, link: StudioMentee, on: date | None = None) -> StudioMentee:
    org_manager_require(actor)
    _writable(SecretaryStudio, actor, link.studio, _("You may not change this studio."))
    if link.until is not None:
        raise DomainError(_("This has already ended."), code="ended")
    link.until = max(on or timezone.localdate(), link.since)
    link.save(update_fields=["until"])
    return link


# -- key property companies (P000-39) -------------------------------------------------------------------


@transaction.atomic
def key_company_mark(*, actor, company: Organisation, is_key: bool) -> Organisation:
    """Mark (or unmark) a property company as a key company guided directly by the property sector
    committee."""
    from lianxin.people.models import OrganisationKind

    org_manager_require(actor)
    if company.kind != OrganisationKind.PROPERTY_COMPANY:
        raise DomainError(_("Only a property company is a key company."), code="invalid")
    if not Organisation.objects.restrict(actor, VIEW).filter(pk=company.pk).exists():
        raise DomainError(_("Choose an organisation within your scope."), code="not_found")
    company.is_key_company = is_key
    company.save(update_fields=["is_key_company"])
    return company


# -- a notice to all levels (P004-20) -----------------------------------------------------------------------

NOTICE_LEVEL_ROLES = (Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.COMMITTEE_MEMBER, Role.COMMUNITY_WORKER,
                      Role.GRID_WORKER)  # fmt: skip


def notice_levels_recipients(*, org: PartyOrg) -> list[int]:
    """Person ids a notice "to all levels" under ``org`` reaches: the post holders of every organisation in
    its subtree (also the staff posted over the areas they are anchored to), and the members of its member
    households — street committee, community committee, estate branch, building group, member household."""
    from lianxin.party.models import MemberHousehold

    orgs = PartyOrg.objects.filter(under("path", org.path))
    area_ids = [a for a in orgs.values_list("area_id", flat=True) if a]
    persons = set(
        Post.objects.current().filter(under("party_org_path", org.path)).values_list("person_id", flat=True)
    )
    persons |= set(
        Post.objects.current()
        .filter(area_id__in=area_ids, role__in=NOTICE_LEVEL_ROLES)
        .values_list("person_id", flat=True)
    )
    persons |= set(
        MemberHousehold.objects.filter(under("group__path", org.path)).values_list("member_id", flat=True)
    )
    return sorted(persons)


def party_notice_all_levels(*, actor, org: PartyOrg, title: str, body: str = ""):
    """Send a notice down every level under ``org`` (五级联动), to each person once."""
    from lianxin.notifications.services import notice_push

    org_manager_require(actor)
    _writable(PartyOrg, actor, org, _("You may not change %(org)s.") % {"org": org.name})
    ids = notice_levels_recipients(org=org)
    persons = list(Person.objects.restrict(actor).filter(pk__in=ids))
    return notice_push(actor, title=title, body=body, persons=persons)
