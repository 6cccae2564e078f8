"""The clusters part's writes (docs/rural/clusters.md): forming a cluster under a township and attaching its
villages (P002-01), its central village and the villages' grades (P000-04, P002-02, P002-26), mentoring
pairs and their help activities (P002-26), each village's development factors (P002-16), the cluster's
industry plan (P000-09), the joint committee with its five task forces (P000-06, P002-03, P002-05), its
leader, secretary and members (P002-04, P002-10), the task-force heads and the resources their
departments bring (P000-07), the joint branch (P000-05, P002-04) and the cluster tasks (P000-08).

Each function checks the actor's right (``core.rights``) and scope (``restrict(actor, CHANGE)``) and writes
in one transaction; the models are audited (``setup_clusters``). Refusals are ``DomainError`` in Chinese:
conflicts ``invalid_state`` (409), other bad input 400, nothing half-written."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may, require
from lianxin.core.scope import CHANGE, under
from lianxin.party.models import OrgKind, PartyOrg, TaskForce
from lianxin.people.models import Department, Person, Post
from lianxin.people.roles import PostSource, Role
from lianxin.rural.models import (
    ClusterPlan,
    ClusterProfile,
    ClusterTask,
    ClusterTaskParty,
    DepartmentResource,
    DepartmentResourceKind,
    HelpKind,
    JointBranchLink,
    MentoringActivity,
    MentoringPair,
    VillageGrade,
    VillageGradeLevel,
    VillageResource,
)
from lianxin.rural.permissions import JOINT_COMMITTEE_LEADER, TASK_FORCE_HEAD

CLUSTER_FORM = "rural.cluster_form"
CLUSTER_KEEP = "rural.cluster_keep"
CLUSTER_TASK_ISSUE = "rural.cluster_task_issue"
RESOURCE_RECORD = "rural.resource_record"


def _conflict(message: str, field: str = "") -> DomainError:
    return DomainError(message, code="invalid_state", field=field or None)


def _bad(message: str, field: str = "") -> DomainError:
    return DomainError(message, field=field or None)


def _changeable(actor, area: Area) -> None:
    if not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
        raise DomainError(_("You may not change %(area)s.") % {"area": area.name}, code="forbidden")


def _org_changeable(actor, org: PartyOrg) -> None:
    if not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=org.pk).exists():
        raise DomainError(_("You may not change %(org)s.") % {"org": org.name}, code="forbidden")


def _cluster(area: Area) -> Area:
    if area is None or area.level != Level.CLUSTER:
        raise _bad(_("Choose a cluster."), "cluster")
    return Area.objects.get(pk=area.pk)


def township_of(cluster: Area) -> Area:
    return Area.objects.get_parent(cluster)


def cluster_villages(cluster: Area):
    return Area.objects.filter(
        under("path", cluster.path), level=Level.VILLAGE, retired_on__isnull=True
    ).order_by("path")


def _in_cluster(cluster: Area, village: Area, field: str = "village") -> Area:
    if village is None or village.level != Level.VILLAGE or not village.path.startswith(cluster.path):
        raise _bad(
            _("%(village)s is not a village of %(cluster)s.")
            % {"village": getattr(village, "name", "—"), "cluster": cluster.name},
            field,
        )
    return village


def _profile(cluster: Area) -> ClusterProfile:
    profile, _created = ClusterProfile.objects.get_or_create(
        cluster=cluster, defaults={"area_path": cluster.path}
    )
    return profile


# -- clusters and their villages -------------------------------------------------------------------------


@transaction.atomic
def cluster_form(
    actor,
    *,
    township: Area,
    name: str,
    villages=(),
    central_village: Area | None = None,
    brand: str = "",
    formed_on: date | None = None,
) -> tuple[Area, str]:
    """A new cluster (an ``Area(level=cluster)``) under a township, with its profile and the villages
    attached (each through ``cluster_village_attach``). Returns the cluster and the size warning
    (``areas.services.cluster_size_warning``: a cluster groups 3 to 5 villages), or ""."""
    from lianxin.areas.services import area_create, cluster_size_warning

    require(actor, CLUSTER_FORM)
    if township is None or township.level != Level.TOWNSHIP:
        raise _bad(_("Choose a township."), "township")
    _changeable(actor, township)
    name = (name or "").strip()
    if not name:
        raise _bad(_("Enter a name."), "name")
    if Area.objects.filter(
        under("path", township.path), level=Level.CLUSTER, name=name, retired_on__isnull=True
    ).exists():
        raise _conflict(_("%(name)s already exists.") % {"name": name}, "name")
    cluster = area_create(actor=actor, parent=township, level=Level.CLUSTER, name=name, brand=brand.strip())
    ClusterProfile.objects.create(
        cluster=cluster, area_path=cluster.path, formed_on=formed_on or timezone.localdate()
    )
    for village in villages:
        cluster_village_attach(actor, cluster=cluster, village=village)
    cluster.refresh_from_db()
    if central_village is not None:
        central_village_set(actor, cluster=cluster, village=Area.objects.get(pk=central_village.pk))
    return cluster, cluster_size_warning(cluster=cluster)


@transaction.atomic
def cluster_village_attach(actor, *, cluster: Area, village: Area) -> Area:
    """Attach a village of the cluster's township. A village already in another cluster is refused (409
    "刘堂村已属于东湖示范片区"): moving it between clusters is ``cluster_village_move``."""
    from lianxin.areas.services import area_move

    require(actor, CLUSTER_FORM)
    cluster = _cluster(cluster)
    _changeable(actor, cluster)
    village = Area.objects.get(pk=village.pk)
    if village.level != Level.VILLAGE:
        raise _bad(_("Choose a village."), "villages")
    if village.path.startswith(cluster.path):
        return village
    parent = Area.objects.get_parent(village)
    if parent.level == Level.CLUSTER:
        raise _conflict(f"{village.name}已属于{parent.name}", "villages")
    if parent.pk != township_of(cluster).pk:
        raise _bad(
            _("%(village)s is not in %(township)s.")
            % {"village": village.name, "township": township_of(cluster).name},
            "villages",
        )
    _changeable(actor, village)
    return area_move(actor=actor, area=village, new_parent=cluster)


@transaction.atomic
def cluster_village_move(actor, *, village: Area, cluster: Area) -> Area:
    """Move a village from one cluster to another of the same township (``areas.services.area_move``): it
    stops being the old cluster's central village."""
    from lianxin.areas.services import area_move

    require(actor, CLUSTER_FORM)
    cluster = _cluster(cluster)
    village = Area.objects.get(pk=village.pk)
    old = Area.objects.get_parent(village)
    if village.level != Level.VILLAGE or old.level != Level.CLUSTER:
        raise _bad(_("Choose a village of a cluster."), "village")
    if township_of(old).pk != township_of(cluster).pk:
        raise _bad(_("A village moves only between clusters of its township."), "cluster")
    _changeable(actor, village)
    _changeable(actor, cluster)
    ClusterProfile.objects.filter(cluster=old, central_village=village).update(central_village=None)
    return area_move(actor=actor, area=village, new_parent=cluster)


@transaction.atomic
def central_village_set(actor, *, cluster: Area, village: Area | None) -> ClusterProfile:
    """Mark the cluster's central (lead) village (P000-04); None clears it."""
    require(actor, CLUSTER_KEEP)
    cluster = _cluster(cluster)
    _changeable(actor, cluster)
    if village is not None:
        _in_cluster(cluster, village, "central_village")
    profile = _profile(cluster)
    profile.central_village = village
    profile.save(update_fields=["central_village"])
    return profile


# -- grades, mentoring, resources, plans -----------------------------------------------------------------


@transaction.atomic
def village_grade_set(
    actor, *, village: Area, grade: str, start_date: date | None = None, reason: str = ""
) -> VillageGrade:
    """Give a village a grade from ``start_date``: the current grade ends the day before, so the history
    stays whole and an upgrade (晋位升级) is a new grade ranking above the last."""
    require(actor, CLUSTER_KEEP)
    if village is None or village.level != Level.VILLAGE:
        raise _bad(_("Choose a village."), "village")
    _changeable(actor, village)
    if grade not in VillageGradeLevel.values:
        raise _bad(_("Choose one of the listed values."), "grade")
    on = start_date or timezone.localdate()
    current = VillageGrade.objects.select_for_update().filter(village=village, end_date__isnull=True).first()
    if current is not None:
        if current.grade == grade:
            raise _conflict(
                _("%(village)s is already a %(grade)s.")
                % {"village": village.name, "grade": VillageGradeLevel(grade).label},
                "grade",
            )
        if on <= current.start_date:
            raise _bad(_("The new grade starts after the current one."), "start_date")
        current.end_date = on - timedelta(days=1)
        current.save(update_fields=["end_date"])
    return VillageGrade.objects.create(
        village=village,
        grade=grade,
        start_date=on,
        reason=(reason or "").strip()[:200],
        area_path=village.path,
    )


def current_grade(village: Area) -> str:
    return (
        VillageGrade.objects.filter(village=village, end_date__isnull=True)
        .values_list("grade", flat=True)
        .first()
        or ""
    )


@transaction.atomic
def mentoring_pair_create(
    actor, *, cluster: Area, mentor: Area, mentee: Area, start_date: date | None = None
) -> MentoringPair:
    """A model village of the cluster helps another of its villages (帮带, P002-26)."""
    require(actor, CLUSTER_KEEP)
    cluster = _cluster(cluster)
    _changeable(actor, cluster)
    _in_cluster(cluster, mentor, "mentor")
    _in_cluster(cluster, mentee, "mentee")
    if mentor.pk == mentee.pk:
        raise _bad(_("A village does not mentor itself."), "mentee")
    if current_grade(mentor) != VillageGradeLevel.MODEL:
        raise _bad(_("%(village)s is not a model village.") % {"village": mentor.name}, "mentor")
    if MentoringPair.objects.filter(mentor=mentor, mentee=mentee, end_date__isnull=True).exists():
        raise _conflict(
            _("%(mentor)s already mentors %(mentee)s.") % {"mentor": mentor.name, "mentee": mentee.name},
            "mentee",
        )
    return MentoringPair.objects.create(
        cluster=cluster,
        mentor=mentor,
        mentee=mentee,
        start_date=start_date or timezone.localdate(),
        area_path=cluster.path,
    )


@transaction.atomic
def mentoring_activity_record(
    actor,
    *,
    pair: MentoringPair,
    kind: str,
    title: str,
    held_on: date | None = None,
    participants: int = 0,
    note: str = "",
) -> MentoringActivity:
    """A help activity of a pair: 挂牌交流, 以干代训 or other help."""
    require(actor, CLUSTER_KEEP)
    if not MentoringPair.objects.restrict(actor, CHANGE).filter(pk=pair.pk).exists():
        raise DomainError(_("You may not change this mentoring pair."), code="forbidden")
    if kind not in HelpKind.values:
        raise _bad(_("Choose one of the listed values."), "kind")
    title = (title or "").strip()
    if not title:
        raise _bad(_("Enter a title."), "title")
    if participants is None or int(participants) < 0:
        raise _bad(_("Enter a number of 0 or more."), "participants")
    return MentoringActivity.objects.create(
        pair=pair,
        kind=kind,
        title=title[:200],
        held_on=held_on or timezone.localdate(),
        participants=int(participants),
        note=(note or "").strip(),
        area_path=pair.area_path,
    )


def _amount(value, field: str, places: str = "0.01") -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except (InvalidOperation, ValueError):
        raise _bad(_("Enter a number."), field) from None
    if not amount.is_finite() or amount < 0:
        raise _bad(_("Enter a number of 0 or more."), field)
    if amount != amount.quantize(Decimal(places)):
        raise _bad(_("At most two decimal places."), field)
    if amount >= Decimal("1e11"):
        raise _bad(_("The number is too large."), field)
    return amount.quantize(Decimal(places))


@transaction.atomic
def village_resource_set(
    actor, *, village: Area, land_mu=0, funds=0, labour=0, technology: str = ""
) -> VillageResource:
    """Record a village's development factors (land in mu, funds in yuan, labour in persons, technology)."""
    require(actor, CLUSTER_KEEP)
    if village is None or village.level != Level.VILLAGE:
        raise _bad(_("Choose a village."), "village")
    _changeable(actor, village)
    land = _amount(land_mu, "land_mu")
    money = _amount(funds, "funds")
    if land >= Decimal("1e10"):
        raise _bad(_("The number is too large."), "land_mu")
    try:
        persons = int(labour or 0)
    except (TypeError, ValueError):
        raise _bad(_("Enter a whole number."), "labour") from None
    if persons < 0:
        raise _bad(_("Enter a number of 0 or more."), "labour")
    resource, _created = VillageResource.objects.update_or_create(
        village=village,
        defaults={
            "land_mu": land,
            "funds": money,
            "labour": persons,
            "technology": (technology or "").strip()[:300],
            "updated_on": timezone.localdate(),
            "area_path": village.path,
        },
    )
    return resource


@transaction.atomic
def cluster_plan_save(
    actor,
    *,
    cluster: Area,
    title: str,
    period_start: int,
    period_end: int,
    document: str = "",
    content: str = "",
    projects: str = "",
    shared_resources: str = "",
    joint_brands: str = "",
) -> ClusterPlan:
    """The cluster's industry-development plan for a period (P000-09): its document (name and number) or
    its text, projects, shared resources and joint brands. One plan per cluster and first year."""
    require(actor, CLUSTER_KEEP)
    cluster = _cluster(cluster)
    _changeable(actor, cluster)
    title = (title or "").strip()
    if not title:
        raise _bad(_("Enter a title."), "title")
    try:
        start, end = int(period_start), int(period_end)
    except (TypeError, ValueError):
        raise _bad(_("Enter the plan's first and last year."), "period_start") from None
    if not (2000 <= start <= 2100 and 2000 <= end <= 2100) or end < start:
        raise _bad(_("Enter the plan's first and last year."), "period_end")
    if not (document or "").strip() and not (content or "").strip():
        raise _bad(_("Name the plan's document or enter its text."), "document")
    if ClusterPlan.objects.filter(cluster=cluster, period_start=start).exists():
        raise _conflict(
            _("%(cluster)s already has a plan from %(year)d.") % {"cluster": cluster.name, "year": start},
            "period_start",
        )
    return ClusterPlan.objects.create(
        cluster=cluster,
        title=title[:200],
        period_start=start,
        period_end=end,
        document=(document or "").strip()[:200],
        content=(content or "").strip(),
        projects=(projects or "").strip(),
        shared_resources=(shared_resources or "").strip(),
        joint_brands=(joint_brands or "").strip()[:300],
        area_path=cluster.path,
    )


# -- the joint committee ("1+5") ---------------------------------------------------------------------------


def joint_committee_of(cluster: Area) -> PartyOrg | None:
    return PartyOrg.objects.filter(kind=OrgKind.JOINT_COMMITTEE, area=cluster).order_by("path").first()


def task_forces_of(committee: PartyOrg):
    return PartyOrg.objects.filter(
        kind=OrgKind.TASK_FORCE, path__startswith=committee.path, depth=committee.depth + 1
    ).select_related("task_force")


def member_branches(cluster: Area):
    """The village branches of the cluster's villages (its joint committee's member organisations)."""
    return PartyOrg.objects.filter(
        kind__in=[OrgKind.BRANCH, OrgKind.GENERAL_BRANCH, OrgKind.COMMITTEE],
        area__level=Level.VILLAGE,
        area__path__startswith=cluster.path,
    ).order_by("path")


def member_secretaries(branches, on: date | None = None) -> list[Post]:
    """The current secretaries of these village branches (by their post on the branch)."""
    return list(
        Post.objects.current(on or timezone.localdate())
        .filter(role=Role.SECRETARY, party_org__in=list(branches))
        .select_related("person", "party_org")
        .order_by("party_org__path", "id")
    )


def _township_secretary(person: Person, township: Area) -> bool:
    posts = Post.objects.current().filter(person=person, role=Role.SECRETARY)
    return (
        posts.filter(area=township).exists()
        or posts.filter(party_org__kind=OrgKind.COMMITTEE, party_org__area=township).exists()
    )


def _committee(org: PartyOrg) -> PartyOrg:
    if org is None or org.kind != OrgKind.JOINT_COMMITTEE:
        raise _bad(_("Choose a joint committee."), "committee")
    return PartyOrg.objects.get(pk=org.pk)


@transaction.atomic
def joint_committee_form(
    actor, *, cluster: Area, name: str = "", leader: Person | None = None, founded_on: date | None = None
) -> PartyOrg:
    """The cluster's joint committee under its township's party committee, with its five task forces
    (规模农业、高效农业、特色产业、返乡创业、公共服务专班) created at once (P000-06, P002-05); and its
    responsible leader when given (``committee_leader_appoint``)."""
    from lianxin.party.services.tree import party_org_create

    require(actor, CLUSTER_FORM)
    cluster = _cluster(cluster)
    _changeable(actor, cluster)
    if joint_committee_of(cluster) is not None:
        raise _conflict(_("%(cluster)s already has a joint committee.") % {"cluster": cluster.name})
    township = township_of(cluster)
    parent = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area=township).order_by("path").first()
    if parent is None:
        raise _conflict(
            _("%(township)s has no party committee to put the joint committee under.")
            % {"township": township.name}
        )
    label = (
        name or ""
    ).strip() or f"{cluster.name.removesuffix('示范片区').removesuffix('片区')}片区融合发展联合党委"
    committee = party_org_create(
        actor=actor,
        parent=parent,
        kind=OrgKind.JOINT_COMMITTEE,
        name=label,
        area=cluster,
        field="rural",
        founded_on=founded_on or timezone.localdate(),
    )
    committee = PartyOrg.objects.get(pk=committee.pk)
    for force in TaskForce.objects.order_by("order", "code"):
        committee = PartyOrg.objects.get(pk=committee.pk)
        PartyOrg.objects.add_child(
            PartyOrg.objects.get(pk=committee.pk),
            dict(
                kind=OrgKind.TASK_FORCE,
                name=f"{force.name}专班",
                area=cluster,
                area_path=cluster.path,
                field="rural",
                task_force=force,
                founded_on=committee.founded_on,
            ),
        )
    if leader is not None:
        committee_leader_appoint(actor, committee=PartyOrg.objects.get(pk=committee.pk), person=leader)
    return PartyOrg.objects.get(pk=committee.pk)


@transaction.atomic
def task_forces_complete(actor, *, committee: PartyOrg) -> list[PartyOrg]:
    """Add the task forces a joint committee lacks (a gap the county's page reports)."""
    require(actor, CLUSTER_FORM)
    committee = _committee(committee)
    _org_changeable(actor, committee)
    have = set(task_forces_of(committee).values_list("task_force_id", flat=True))
    added = []
    for force in TaskForce.objects.order_by("order", "code"):
        if force.pk in have:
            continue
        added.append(
            PartyOrg.objects.add_child(
                PartyOrg.objects.get(pk=committee.pk),
                dict(
                    kind=OrgKind.TASK_FORCE,
                    name=f"{force.name}专班",
                    area=committee.area,
                    area_path=committee.area_path,
                    field="rural",
                    task_force=force,
                ),
            )
        )
    return added


def _appoint(actor, *, person: Person, role: str, org: PartyOrg, source: str = "") -> Post:
    from lianxin.people.appointments import post_appoint

    return post_appoint(actor=actor, person=person, role=role, party_org=org, source=source)


def _end_current(actor, *, org: PartyOrg, role: str, keep: Person | None = None) -> None:
    from lianxin.people.appointments import post_write_check

    on = timezone.localdate()
    for post in Post.objects.current(on).filter(party_org=org, role=role).select_related("person"):
        if keep is not None and post.person_id == keep.pk:
            continue
        post_write_check(actor=actor, person=post.person)
        post.end_date = max(post.start_date, on - timedelta(days=1))
        post.save(update_fields=["end_date"])


@transaction.atomic
def committee_leader_appoint(actor, *, committee: PartyOrg, person: Person) -> Post:
    """The committee's responsible leader (负责领导, P002-03): a township party secretary of the cluster's
    township, recorded apart from the committee's own secretary."""
    committee = _committee(committee)
    if not (may(actor, CLUSTER_FORM) or may(actor, CLUSTER_KEEP)):
        require(actor, CLUSTER_FORM)
    _org_changeable(actor, committee)
    township = township_of(committee.area)
    if not _township_secretary(person, township):
        raise _conflict(f"{person.name}未担任{township.name}党委书记，不能担任联合党委负责领导", "leader")
    if (
        Post.objects.current()
        .filter(party_org=committee, role=JOINT_COMMITTEE_LEADER, person=person)
        .exists()
    ):
        raise _conflict(_("%(person)s already holds this post.") % {"person": person.name}, "leader")
    _end_current(actor, org=committee, role=JOINT_COMMITTEE_LEADER)
    return _appoint(actor, person=person, role=JOINT_COMMITTEE_LEADER, org=committee)


@transaction.atomic
def committee_secretary_appoint(actor, *, committee: PartyOrg, person: Person) -> tuple[Post, list[Post]]:
    """The committee's own secretary, chosen from the member villages' branch secretaries
    ("须从成员村党组织书记中产生"); the other member secretaries are seated as committee members (P002-04).
    Returns the secretary's post and the members' new posts."""
    require(actor, CLUSTER_KEEP)
    committee = _committee(committee)
    _org_changeable(actor, committee)
    secretaries = member_secretaries(member_branches(committee.area))
    if person.pk not in {p.person_id for p in secretaries}:
        raise _conflict(
            f"联合党委书记须从成员村党组织书记中产生，{person.name}不是成员村党组织书记", "secretary"
        )
    current = Post.objects.current().filter(party_org=committee, role=Role.SECRETARY)
    if current.filter(person=person).exists():
        raise _conflict(_("%(person)s already holds this post.") % {"person": person.name}, "secretary")
    _end_current(actor, org=committee, role=Role.SECRETARY)
    # A committee member who becomes secretary keeps no second seat.
    _end_current_of(actor, org=committee, role=Role.COMMITTEE_MEMBER, person=person)
    post = _appoint(actor, person=person, role=Role.SECRETARY, org=committee)
    seated = []
    held = set(
        Post.objects.current()
        .filter(party_org=committee, role__in=[Role.SECRETARY, Role.COMMITTEE_MEMBER])
        .values_list("person_id", flat=True)
    )
    for other in secretaries:
        if other.person_id in held:
            continue
        held.add(other.person_id)
        seated.append(_appoint(actor, person=other.person, role=Role.COMMITTEE_MEMBER, org=committee))
    return post, seated


def _end_current_of(actor, *, org: PartyOrg, role: str, person: Person) -> None:
    on = timezone.localdate()
    for post in Post.objects.current(on).filter(party_org=org, role=role, person=person):
        post.end_date = max(post.start_date, on - timedelta(days=1))
        post.save(update_fields=["end_date"])


@transaction.atomic
def committee_member_appoint(actor, *, committee: PartyOrg, person: Person) -> Post:
    """A committee member: a township department head too is one (交叉任职, P002-10), listed among the
    cross-appointments."""
    require(actor, CLUSTER_KEEP)
    committee = _committee(committee)
    _org_changeable(actor, committee)
    return _appoint(actor, person=person, role=Role.COMMITTEE_MEMBER, org=committee)


def county_department_posts(person: Person):
    """The person's current posts in a county-level department (县直部门)."""
    return (
        Post.objects.current()
        .filter(person=person, department__isnull=False, department__area__level=Level.COUNTY)
        .select_related("department")
        .order_by("id")
    )


@transaction.atomic
def task_force_head_appoint(actor, *, task_force: PartyOrg, person: Person) -> Post:
    """A task force's head, only a cadre holding a post in a county department (P000-07): otherwise 409
    "孟凡强未在县直部门任职，不能担任专班负责人". The previous head's post ends."""
    require(actor, CLUSTER_FORM)
    if task_force is None or task_force.kind != OrgKind.TASK_FORCE:
        raise _bad(_("Choose a task force."), "task_force")
    _org_changeable(actor, task_force)
    if not county_department_posts(person).exists():
        raise _conflict(f"{person.name}未在县直部门任职，不能担任专班负责人", "head")
    if Post.objects.current().filter(party_org=task_force, role=TASK_FORCE_HEAD, person=person).exists():
        raise _conflict(_("%(person)s already holds this post.") % {"person": person.name}, "head")
    _end_current(actor, org=task_force, role=TASK_FORCE_HEAD)
    return _appoint(
        actor, person=person, role=TASK_FORCE_HEAD, org=task_force, source=PostSource.DEPARTMENT_CADRE
    )


def heads_of(task_force: PartyOrg) -> list[Post]:
    return list(
        Post.objects.current()
        .filter(party_org=task_force, role=TASK_FORCE_HEAD)
        .select_related("person")
        .order_by("id")
    )


def _heads_task_force(actor, task_force: PartyOrg) -> bool:
    return bool(
        actor.person_id
        and Post.objects.current()
        .filter(party_org=task_force, role=TASK_FORCE_HEAD, person_id=actor.person_id)
        .exists()
    )


@transaction.atomic
def department_resource_record(
    actor,
    *,
    task_force: PartyOrg,
    kind: str,
    title: str,
    amount=0,
    department: Department | None = None,
    brought_on: date | None = None,
    note: str = "",
) -> DepartmentResource:
    """Funds or a project the task-force head's county department brings to the cluster (P000-07). The head
    records his own department's; the organisation department any head's."""
    require(actor, RESOURCE_RECORD)
    if task_force is None or task_force.kind != OrgKind.TASK_FORCE:
        raise _bad(_("Choose a task force."), "task_force")
    heads = heads_of(task_force)
    own = _heads_task_force(actor, task_force)
    if not own:
        _org_changeable(actor, task_force)
    departments = {p.department_id: p.department for h in heads for p in county_department_posts(h.person)}
    if own:
        departments = {p.department_id: p.department for p in county_department_posts(actor.person)}
    if department is None:
        if len(departments) != 1:
            raise _bad(_("Choose the department."), "department")
        department = next(iter(departments.values()))
    elif department.pk not in departments:
        raise _bad(_("Choose the department of the task force's head."), "department")
    if kind not in DepartmentResourceKind.values:
        raise _bad(_("Choose one of the listed values."), "kind")
    title = (title or "").strip()
    if not title:
        raise _bad(_("Enter a title."), "title")
    money = _amount(amount, "amount")
    if kind == DepartmentResourceKind.FUNDS and money <= 0:
        raise _bad(_("Enter the amount of the funds."), "amount")
    return DepartmentResource.objects.create(
        task_force=task_force,
        department=department,
        kind=kind,
        title=title[:200],
        amount=money,
        brought_on=brought_on or timezone.localdate(),
        note=(note or "").strip(),
        area_path=task_force.area_path,
        party_org_path=task_force.path,
    )


# -- the joint branch (跨村联建) ----------------------------------------------------------------------------


@transaction.atomic
def joint_branch_form(
    actor,
    *,
    cluster: Area,
    name: str,
    branches,
    secretary: Person | None = None,
    founded_on: date | None = None,
) -> PartyOrg:
    """A joint branch (JOINT_BRANCH) of the cluster under its joint committee (or the township's committee),
    linked to the village branches it spans; their members keep their home branch. Its secretary comes
    from the linked branches' secretaries."""
    from lianxin.party.services.tree import party_org_create

    require(actor, CLUSTER_KEEP)
    cluster = _cluster(cluster)
    _changeable(actor, cluster)
    name = (name or "").strip()
    if not name:
        raise _bad(_("Enter a name."), "name")
    branches = list(branches)
    if len(branches) < 2:
        raise _bad(_("A joint branch spans two village branches or more."), "branches")
    allowed = set(member_branches(cluster).values_list("pk", flat=True))
    for branch in branches:
        if branch.pk not in allowed:
            raise _bad(
                _("%(branch)s is not a village branch of %(cluster)s.")
                % {"branch": branch.name, "cluster": cluster.name},
                "branches",
            )
    if PartyOrg.objects.filter(kind=OrgKind.JOINT_BRANCH, area=cluster, name=name).exists():
        raise _conflict(_("%(name)s already exists.") % {"name": name}, "name")
    parent = (
        joint_committee_of(cluster)
        or PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area=township_of(cluster)).order_by("path").first()
    )
    if parent is None:
        raise _conflict(
            _("%(cluster)s has no party organisation to put it under.") % {"cluster": cluster.name}
        )
    joint = party_org_create(
        actor=actor,
        parent=parent,
        kind=OrgKind.JOINT_BRANCH,
        name=name,
        area=cluster,
        field="rural",
        setup_mode="joint",
        founded_on=founded_on or timezone.localdate(),
    )
    joint = PartyOrg.objects.get(pk=joint.pk)
    for branch in branches:
        JointBranchLink.objects.create(
            joint_branch=joint,
            branch=branch,
            since=joint.founded_on,
            area_path=joint.area_path,
            party_org_path=joint.path,
        )
    if secretary is not None:
        joint_branch_secretary_appoint(actor, joint_branch=joint, person=secretary)
    return joint


@transaction.atomic
def joint_branch_secretary_appoint(actor, *, joint_branch: PartyOrg, person: Person) -> Post:
    require(actor, CLUSTER_KEEP)
    if joint_branch is None or joint_branch.kind != OrgKind.JOINT_BRANCH:
        raise _bad(_("Choose a joint branch."), "joint_branch")
    _org_changeable(actor, joint_branch)
    linked = PartyOrg.objects.filter(joint_links__joint_branch=joint_branch)
    if person.pk not in {p.person_id for p in member_secretaries(linked)}:
        raise _conflict(
            f"联村党支部书记须从成员村党组织书记中产生，{person.name}不是成员村党组织书记", "secretary"
        )
    if Post.objects.current().filter(party_org=joint_branch, role=Role.SECRETARY, person=person).exists():
        raise _conflict(_("%(person)s already holds this post.") % {"person": person.name}, "secretary")
    _end_current(actor, org=joint_branch, role=Role.SECRETARY)
    return _appoint(actor, person=person, role=Role.SECRETARY, org=joint_branch)


# -- cluster tasks (片区任务) -------------------------------------------------------------------------------


def issues_for(actor, committee: PartyOrg) -> bool:
    """The joint committee issues its tasks through its responsible leader or its secretary."""
    return bool(
        actor.is_authenticated
        and actor.person_id
        and may(actor, CLUSTER_TASK_ISSUE)
        and Post.objects.current()
        .filter(
            party_org=committee, role__in=[JOINT_COMMITTEE_LEADER, Role.SECRETARY], person_id=actor.person_id
        )
        .exists()
    )


@transaction.atomic
def cluster_task_issue(
    actor,
    *,
    committee: PartyOrg,
    task_force: PartyOrg,
    title: str,
    description: str = "",
    branches=(),
    working_days=None,
    idempotency_key: str = "",
) -> ClusterTask:
    """The joint committee assigns a cluster task (category 片区任务) to one of its task forces, with village
    branches co-operating (P000-08): one task case each, issued through ``supervision``'s ``task_issue``,
    due in ``working_days`` working days. Each party takes (签收) and reports (反馈) its own case; the
    issuer accepts (验收) each. Tasks stay out of the residents' figures (``Kind.TASK``)."""
    from lianxin.rural.categories_clusters import CODE, cluster_category_ensure
    from lianxin.supervision.services.tasks import task_issue

    committee = _committee(committee)
    if not issues_for(actor, committee):
        raise DomainError(_("The joint committee's leader or secretary issues its tasks."), code="forbidden")
    if (
        task_force is None
        or task_force.kind != OrgKind.TASK_FORCE
        or not task_force.path.startswith(committee.path)
    ):
        raise _bad(_("Choose one of the committee's task forces."), "task_force")
    cluster = committee.area
    allowed = {b.pk: b for b in member_branches(cluster)}
    parties = []
    for branch in branches:
        if branch.pk not in allowed:
            raise _bad(
                _("%(branch)s is not a village branch of %(cluster)s.")
                % {"branch": branch.name, "cluster": cluster.name},
                "branches",
            )
        if branch not in parties:
            parties.append(allowed[branch.pk])
    cluster_category_ensure()
    title = (title or "").strip()
    lead = task_issue(
        actor,
        category=CODE,
        area=cluster,
        title=title,
        description=description,
        handler={"party_org": task_force},
        working_days=working_days,
        idempotency_key=idempotency_key,
    )
    found = ClusterTask.objects.filter(case=lead).first()
    if found is not None:  # the same request again (its idempotency key): the task issued the first time
        return found
    task = ClusterTask.objects.create(
        cluster=cluster,
        committee=committee,
        task_force=task_force,
        title=lead.title,
        case=lead,
        area_path=cluster.path,
        party_org_path=task_force.path,
    )
    for branch in parties:
        case = task_issue(
            actor,
            category=CODE,
            area=branch.area,
            title=title,
            description=_("Co-operating with %(lead)s: %(text)s")
            % {"lead": task_force.name, "text": (description or title).strip()},
            handler={"party_org": branch},
            due=lead.handle_due,
        )
        ClusterTaskParty.objects.create(
            task=task, party_org=branch, case=case, area_path=branch.area_path, party_org_path=branch.path
        )
    return task
