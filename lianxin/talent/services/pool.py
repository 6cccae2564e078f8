"""The pool part's business rules (docs/talent/pool.md). Writes in one transaction each, by ``actor`` (a user
holding ``talent.keep_talents`` over the place: a village or township secretary, the organisation
department); every model is audited (setup_pool). Errors are ``DomainError`` in Chinese: conflicts
``invalid_state`` (409), bad input ``invalid`` (400)."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require
from lianxin.people.models import Person, Post, is_mobile
from lianxin.people.roles import PostSource, StaffingType
from lianxin.rollups.services import rollup_add
from lianxin.rural.permissions import RETURNEE_ROLES, SECONDED_DIRECTOR, SECONDED_SECRETARY
from lianxin.talent.models import (
    ChannelKind,
    ClusterEngagement,
    EngagementForm,
    EventKind,
    EventSeason,
    FollowUp,
    FollowUpKind,
    Invitation,
    MatchContact,
    Matching,
    MatchOutcome,
    NeedKind,
    OutreachEvent,
    ReturnKind,
    TalentChannel,
    TalentField,
    TalentNeed,
    TalentOrigin,
    TalentProfile,
    TalentReturn,
    TalentStatus,
    TalentVisit,
    VisitorKind,
    Willingness,
)
from lianxin.talent.models.pool import skill_words

VIEW_TALENTS = "talent.view_talents"
KEEP_TALENTS = "talent.keep_talents"
RETURNS_FIGURE = "talent.returns"


def followup_days() -> int:
    return int(getattr(settings, "LIANXIN_RETURNEE_FOLLOWUP_DAYS", 60))


def _keep(actor, path: str) -> None:
    require(actor, KEEP_TALENTS, at=path)


def _choice(value: str, choices, field: str) -> str:
    if value not in choices.values:
        raise DomainError(_("Choose one of the listed values."), field=field)
    return value


def _village(area: Area, field: str = "home_area") -> Area:
    if area is None or area.level != Level.VILLAGE:
        raise DomainError(_("Choose a village."), field=field)
    return area


def _text(value: str, field: str, max_length: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("This field is required."), code="required", field=field)
    if len(value) > max_length:
        raise DomainError(_("Too long."), field=field)
    return value


# Talents and channels.


@transaction.atomic
def channel_create(
    actor, *, kind: str, name: str, area: Area, party_org=None, location: str = "", contact_name: str = ""
) -> TalentChannel:
    """A channel (P000-18). A mobile-member party organisation is a MOBILE_BRANCH PartyOrg of the party tree
    with its location away from home (its office place when none is given)."""
    from lianxin.party.models import OrgKind

    _keep(actor, area.path)
    _choice(kind, ChannelKind, "kind")
    name = _text(name, "name", 100, required=True)
    location = _text(location, "location", 100)
    if kind == ChannelKind.MOBILE_BRANCH:
        if party_org is None or party_org.kind != OrgKind.MOBILE_BRANCH:
            raise DomainError(
                _("Choose the mobile-member party organisation in the party tree."), field="party_org"
            )
        location = location or party_org.office_place
        if not location:
            raise DomainError(
                _("Give where the mobile-member organisation sits, away from home."), field="location"
            )
    if TalentChannel.objects.filter(area=area, name=name).exists():
        raise DomainError(
            _("A channel with this name is already recorded."), code="invalid_state", field="name"
        )
    return TalentChannel.objects.create(
        kind=kind,
        name=name,
        area=area,
        area_path=area.path,
        party_org=party_org if kind == ChannelKind.MOBILE_BRANCH else None,
        location=location,
        contact_name=_text(contact_name, "contact_name", 50),
    )


@transaction.atomic
def talent_create(
    actor,
    *,
    name: str,
    home_area: Area,
    current_city: str = "",
    occupation: str = "",
    field: str = TalentField.OTHER,
    skills: str = "",
    willingness: str = Willingness.CONSIDERING,
    origin: str = TalentOrigin.OUTSIDE,
    channel: TalentChannel | None = None,
    finder: Person | None = None,
    mobile: str = "",
    gender: str = "",
    birth_year: int | None = None,
    note: str = "",
    person: Person | None = None,
) -> TalentProfile:
    """A talent into the pool (P000-17, P002-14), at his home village."""
    _village(home_area)
    _keep(actor, home_area.path)
    if mobile and not is_mobile(mobile):
        raise DomainError(_("Not a mainland mobile number (11 digits starting with 1)."), field="mobile")
    talent = TalentProfile(
        person=person,
        name=_text(name, "name", 50, required=True),
        gender=gender,
        birth_year=birth_year,
        home_area=home_area,
        area_path=home_area.path,
        current_city=_text(current_city, "current_city", 50),
        occupation=_text(occupation, "occupation", 100),
        field=_choice(field, TalentField, "field"),
        skills=_text(skills, "skills", 200),
        willingness=_choice(willingness, Willingness, "willingness"),
        origin=_choice(origin, TalentOrigin, "origin"),
        channel=channel,
        finder=finder,
        note=_text(note, "note", 200),
        created_by=actor,
    )
    talent.set_mobile(mobile)
    talent.save()
    return talent


def talent_person_ensure(actor, *, talent: TalentProfile) -> Person:
    """The register person behind a talent (made at his home village when he has none yet)."""
    if talent.person_id:
        return talent.person
    person = Person(name=talent.name)
    person.set_area(talent.home_area)
    if talent.mobile:
        person.set_mobile(talent.mobile)
    person.save()
    talent.person = person
    talent.save(update_fields=["person"])
    return person


@transaction.atomic
def visit_record(
    actor, *, talent: TalentProfile, visited_on: date, visitor: Person, visitor_kind: str, content: str = ""
) -> TalentVisit:
    """A talent visit (人才遍访, P002-14) by a two-committee member or a resident cadre; the first visitor
    becomes the talent's finder when none is recorded."""
    _keep(actor, talent.area_path)
    _choice(visitor_kind, VisitorKind, "visitor_kind")
    visit = TalentVisit.objects.create(
        talent=talent,
        area_path=talent.area_path,
        visited_on=visited_on,
        visitor=visitor,
        visitor_kind=visitor_kind,
        content=_text(content, "content", 2000),
    )
    if talent.finder_id is None:
        talent.finder = visitor
        talent.save(update_fields=["finder"])
    return visit


# Needs and matching.


@transaction.atomic
def need_post(
    actor,
    *,
    area: Area,
    kind: str,
    title: str,
    skills: str = "",
    description: str = "",
    posted_on: date | None = None,
) -> TalentNeed:
    """A need posted by a cluster (or a village of it, P000-19)."""
    from django.utils import timezone

    if area.level not in (Level.CLUSTER, Level.VILLAGE, Level.TOWNSHIP):
        raise DomainError(_("Choose a cluster or a village."), field="area")
    _keep(actor, area.path)
    return TalentNeed.objects.create(
        area=area,
        area_path=area.path,
        kind=_choice(kind, NeedKind, "kind"),
        title=_text(title, "title", 100, required=True),
        skills=_text(skills, "skills", 200),
        description=_text(description, "description", 2000),
        posted_on=posted_on or timezone.localdate(),
        created_by=actor,
    )


def need_shared_skills(need: TalentNeed, talent: TalentProfile) -> list[str]:
    """The words of the need's skills the talent's skills share (or contain: 电商 in 农村电商)."""
    wanted = skill_words(need.skills)
    have = talent.skill_words()
    return sorted(w for w in wanted if any(w in h or h in w for h in have))


@transaction.atomic
def matching_contact(
    actor, *, need: TalentNeed, talent: TalentProfile, contacted_on: date, outcome: str, note: str = ""
) -> Matching:
    """A contact (对接) about a talent for a need and its outcome (P000-19); the matching keeps the latest."""
    _keep(actor, need.area_path)
    _choice(outcome, MatchOutcome, "outcome")
    if outcome == MatchOutcome.SUGGESTED:
        raise DomainError(_("Choose the outcome of the contact."), field="outcome")
    matching, _created = Matching.objects.get_or_create(
        need=need,
        talent=talent,
        defaults={"area_path": need.area_path, "matched_skills": "、".join(need_shared_skills(need, talent))},
    )
    MatchContact.objects.create(
        matching=matching,
        area_path=need.area_path,
        contacted_on=contacted_on,
        outcome=outcome,
        note=_text(note, "note", 200),
        created_by=actor,
    )
    matching.outcome = outcome
    matching.save(update_fields=["outcome"])
    return matching


# Outreach events (归雁兴巢).


@transaction.atomic
def event_create(
    actor,
    *,
    area: Area,
    title: str,
    kind: str,
    season: str,
    held_on: date,
    place: str = "",
    projects: str = "",
) -> OutreachEvent:
    _keep(actor, area.path)
    return OutreachEvent.objects.create(
        area=area,
        area_path=area.path,
        title=_text(title, "title", 100, required=True),
        kind=_choice(kind, EventKind, "kind"),
        season=_choice(season, EventSeason, "season"),
        held_on=held_on,
        place=_text(place, "place", 100),
        projects=_text(projects, "projects", 2000),
        created_by=actor,
    )


@transaction.atomic
def invitations_add(actor, *, event: OutreachEvent, talents) -> int:
    """Invite talents from the pool (in the actor's scope); already invited ones are kept. Returns how
    many were added."""
    _keep(actor, event.area_path)
    have = set(event.invitations.values_list("talent_id", flat=True))
    new = [Invitation(event=event, talent=t, area_path=event.area_path) for t in talents if t.pk not in have]
    for invitation in new:
        invitation.save()
    return len(new)


@transaction.atomic
def attendance_record(actor, *, event: OutreachEvent, attended_ids) -> int:
    """Mark who came: the invitees listed attended, the others did not. Returns the number who came."""
    _keep(actor, event.area_path)
    attended_ids = {int(i) for i in attended_ids}
    invited = {i.talent_id: i for i in event.invitations.all()}
    unknown = attended_ids - set(invited)
    if unknown:
        raise DomainError(_("Only invited talents can be marked as attending."), field="attended")
    for talent_id, invitation in invited.items():
        came = talent_id in attended_ids
        if invitation.attended != came:
            invitation.attended = came
            invitation.save(update_fields=["attended"])
    return len(attended_ids)


# Returns and follow-ups.


@transaction.atomic
def return_record(
    actor,
    *,
    talent: TalentProfile,
    returned_on: date,
    kind: str,
    village: Area | None = None,
    event: OutreachEvent | None = None,
    project: str = "",
    note: str = "",
) -> TalentReturn:
    """A return (P000-20): the talent leaves the pool as returned; counted in the ``talent.returns`` figure
    under the village on the day."""
    village = _village(village or talent.home_area, "village")
    _keep(actor, village.path)
    _choice(kind, ReturnKind, "kind")
    if TalentReturn.objects.filter(talent=talent).exists():
        raise DomainError(
            _("%(name)s's return is already recorded.") % {"name": talent.name}, code="invalid_state"
        )
    talent_return = TalentReturn.objects.create(
        talent=talent,
        returned_on=returned_on,
        kind=kind,
        village=village,
        area_path=village.path,
        channel=talent.channel,
        event=event,
        project=_text(project, "project", 100),
        note=_text(note, "note", 200),
        created_by=actor,
    )
    if talent.status == TalentStatus.IN_POOL:
        talent.status = TalentStatus.RETURNED
        talent.save(update_fields=["status"])
    rollup_add(key=RETURNS_FIGURE, area_path=village.path, day=returned_on, value=1, dims={"kind": kind})
    return talent_return


@transaction.atomic
def followup_record(
    actor,
    *,
    talent_return: TalentReturn,
    happened_on: date,
    kind: str,
    content: str,
    post: Post | None = None,
) -> FollowUp:
    """One entry of a returnee's timeline (P000-21): a contact, a training, a post, help given."""
    _keep(actor, talent_return.area_path)
    _choice(kind, FollowUpKind, "kind")
    if happened_on < talent_return.returned_on:
        raise DomainError(_("A follow-up cannot precede the return."), field="happened_on")
    return FollowUp.objects.create(
        talent_return=talent_return,
        area_path=talent_return.area_path,
        happened_on=happened_on,
        kind=kind,
        content=_text(content, "content", 300, required=True),
        post=post,
        created_by=actor,
    )


# Returnee posts (P000-22) and external people in cluster work (P002-11).

ROLE_FORMS = {
    SECONDED_SECRETARY: EngagementForm.SECONDMENT,
    SECONDED_DIRECTOR: EngagementForm.SECONDMENT,
}


def _cluster_of(village: Area) -> Area | None:
    from lianxin.core.paths import parent_path

    return Area.objects.filter(level=Level.CLUSTER, path=parent_path(village.path)).first()


@transaction.atomic
def returnee_post_give(
    actor, *, talent: TalentProfile, village: Area, role: str, start_date: date, end_date: date
) -> Post:
    """A dated post at a village for a returnee (挂职书记、挂职主任、乡村振兴合伙人): a ``people.Post``
    with source RETURNEE. It is among the village's posts and grants its scope only from ``start_date``
    to ``end_date`` (people's posts work that way). Recorded on his follow-up timeline when his return
    is recorded, and as an external person in the cluster's work when the village lies in a cluster."""
    _village(village, "village")
    _keep(actor, village.path)
    if role not in RETURNEE_ROLES:
        raise DomainError(_("Choose a returnee post."), field="role")
    if end_date < start_date:
        raise DomainError(_("The post cannot end before it starts."), field="end_date")
    person = talent_person_ensure(actor, talent=talent)
    if (
        Post.objects.filter(person=person, role=role, area=village, start_date__lte=end_date)
        .filter(end_date__gte=start_date)
        .exists()
    ):
        raise DomainError(
            _("%(name)s already holds this post at %(village)s for these dates.")
            % {"name": talent.name, "village": village.name},
            code="invalid_state",
        )
    post = Post.objects.create(
        person=person,
        role=role,
        area=village,
        area_path=village.path,
        source=PostSource.RETURNEE,
        staffing_type=StaffingType.SECONDED if role in ROLE_FORMS else "",
        start_date=start_date,
        end_date=end_date,
    )
    talent_return = TalentReturn.objects.filter(talent=talent).first()
    if talent_return is not None:
        FollowUp.objects.create(
            talent_return=talent_return,
            area_path=talent_return.area_path,
            happened_on=max(start_date, talent_return.returned_on),
            kind=FollowUpKind.POST,
            content=_("%(role)s at %(village)s") % {"role": post.get_role_display(), "village": village.name},
            post=post,
            created_by=actor,
        )
    cluster = _cluster_of(village)
    if cluster is not None:
        ClusterEngagement.objects.create(
            cluster=cluster,
            area_path=cluster.path,
            person=person,
            talent=talent,
            origin=talent.origin if talent.origin != TalentOrigin.LOCAL else TalentOrigin.OUTSIDE,
            form=ROLE_FORMS.get(role, EngagementForm.RED_PARTNER),
            post=post,
            start_date=start_date,
            end_date=end_date,
        )
    return post


@transaction.atomic
def engagement_record(
    actor,
    *,
    cluster: Area,
    person: Person,
    origin: str,
    form: str,
    start_date: date,
    end_date: date | None = None,
    talent: TalentProfile | None = None,
) -> ClusterEngagement:
    """An external person in a cluster's working force (P002-11): a veteran or a talent working elsewhere,
    appointed (任职), seconded (挂职) or a red partner (红色合伙人)."""
    if cluster.level != Level.CLUSTER:
        raise DomainError(_("Choose a cluster."), field="cluster")
    _keep(actor, cluster.path)
    if origin not in (TalentOrigin.VETERAN, TalentOrigin.OUTSIDE):
        raise DomainError(_("Choose a veteran or a talent working elsewhere."), field="origin")
    if end_date is not None and end_date < start_date:
        raise DomainError(_("The engagement cannot end before it starts."), field="end_date")
    return ClusterEngagement.objects.create(
        cluster=cluster,
        area_path=cluster.path,
        person=person,
        talent=talent,
        origin=origin,
        form=_choice(form, EngagementForm, "form"),
        start_date=start_date,
        end_date=end_date,
    )


def returnee_followups_remind(*, on: date | None = None) -> int:
    """The daily job: tell the secretaries of each village whose returnees had no follow-up within
    LIANXIN_RETURNEE_FOLLOWUP_DAYS. Returns how many returnees are due."""
    from django.utils import timezone

    from lianxin.notifications.services import notify
    from lianxin.talent.selectors.pool import returns_followup_due

    on = on or timezone.localdate()
    due = list(returns_followup_due(TalentReturn.objects.all(), on=on))
    by_village: dict[int, list[TalentReturn]] = {}
    for r in due:
        by_village.setdefault(r.village_id, []).append(r)
    for village_id, rows in by_village.items():
        names = "、".join(r.talent.name for r in rows[:10])
        with transaction.atomic():
            notify(
                verb="talent.followup_due",
                title=_("Returnees without follow-up: %(count)s") % {"count": len(rows)},
                body=names,
                url="/talent/follow-ups-due/",
                areas=[village_id],
            )
    return len(due)
