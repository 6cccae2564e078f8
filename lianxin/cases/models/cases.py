"""The case: one row per thing that must be closed, derived from its events (``lianxin.cases.engine``).

Every field below the "derived" line is written only by the engine's reducer from the case's events, so
``manage.py cases_rebuild`` can recompute it and a test can show that it matches.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area
from lianxin.cases.models.categories import Category
from lianxin.cases.models.enums import (
    AssignmentRole,
    Channel,
    DisputeOutcome,
    HandlerType,
    HandlingLevel,
    Kind,
    Rating,
    ReporterGroup,
    RequestType,
    State,
    Urgency,
)
from lianxin.core.fields import EncryptedCharField
from lianxin.core.scope import VIEW, Scope, ScopedManager, outermost, under
from lianxin.people.roles import Role

# Where a case takes claims: before work starts (the transitions table's rows for claim and its withdrawal).
CLAIMABLE_STATES = frozenset({State.REPORTED, State.ACCEPTED, State.DISPATCHED})


def _own_cases(person_id: int) -> Q:
    # What a person raised, was handed, first received (首问负责, P002-43) or claimed stays on his list.
    from lianxin.cases.models.claims import CaseClaim

    return (
        Q(reporter_id=person_id)
        | Q(handler_person_id=person_id)
        | Q(first_receiver_id=person_id)
        | Q(pk__in=CaseClaim.objects.filter(person_id=person_id).values("case_id"))
    )


def _department_cases(department_ids) -> Q:
    # Every case ever sent to the department (handler or summoned by a whistle), not only the current one.
    return Q(pk__in=CaseAssignment.objects.filter(department_id__in=department_ids).values("case_id"))


def _organisation_cases(organisation_ids) -> Q:
    from lianxin.cases.models.claims import CaseClaim

    return Q(
        pk__in=CaseAssignment.objects.filter(organisation_id__in=organisation_ids).values("case_id")
    ) | Q(pk__in=CaseClaim.objects.filter(organisation_id__in=organisation_ids).values("case_id"))


def _party_org_cases(paths) -> Q | None:
    # Every case ever sent to a party organisation the user holds a post in, or to one under it (a branch,
    # a task force): as a department's staff keep what was sent to their department.
    if not paths:
        return None
    orgs = Q()
    for path in outermost(paths):
        orgs |= under("party_org__path", path)
    return Q(pk__in=CaseAssignment.objects.filter(orgs).values("case_id"))


def _sector_cases(grants) -> Q | None:
    # A sector committee (e.g. the county express-sector committee) follows every case of its sector's
    # categories (P003-21), wherever it was raised.
    sectors = grants.sectors
    if not sectors:
        return None
    return Q(category__sector__in=sorted(sectors))


def _claimable_cases(grants) -> Q | None:
    # A case that takes claims (a micro-wish, a service project) is put up to be taken on: until work starts
    # the posts over its place that see no residents' cases (volunteers, couriers, the four roles) see it too,
    # so they can claim it.
    paths = [
        p
        for p in outermost(grants.area_paths[VIEW])
        if not any(p.startswith(r) for r in grants.resident_area_paths[VIEW])
    ]
    if not paths:
        return None
    places = Q()
    for path in paths:
        places |= under("area_path", path)
    return Q(places, claim_capacity__isnull=False, state__in=sorted(CLAIMABLE_STATES))


def _other_ways_in(grants) -> Q | None:
    # Read only (Scope.also): what the steps allow is decided by cases.permissions, not by the scope.
    ways = [
        q
        for q in (
            _sector_cases(grants),
            _party_org_cases(grants.party_org_paths[VIEW]),
            _claimable_cases(grants),
        )
        if q
    ]
    if not ways:
        return None
    combined = ways[0]
    for q in ways[1:]:
        combined |= q
    return combined


class Case(models.Model):
    # Every index is paid for on each report: the foreign keys have none of their own (db_index=False) where
    # a composite index below, or no query at all, covers them.
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROBLEM)
    # The index (category, state, area_path) below leads with the category: no index of its own.
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="cases", db_index=False
    )
    request_type = models.CharField(
        _("request type"), max_length=16, choices=RequestType.choices, default=RequestType.HELP
    )
    # Cases are found by area_path (one prefix range); the FK itself needs no index of its own.
    area = models.ForeignKey(
        Area, verbose_name=_("place"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    area_path = models.CharField(max_length=255, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.H5)
    reporter = models.ForeignKey(
        "people.Person",
        verbose_name=_("reporter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_cases",
        db_index=False,
    )
    reporter_group = models.CharField(
        _("reporter group"), max_length=16, choices=ReporterGroup.choices, default=ReporterGroup.RESIDENT
    )
    # The post the reporter acted in (网格员, 文明巡视员 …; blank for a resident or an external system): from
    # the report's event, like every derived field.
    reporter_role = models.CharField(
        _("reported as"), max_length=32, choices=Role.choices, blank=True, default=""
    )
    # An enterprise raising a case on the Red Chain line (P003-42), or a provider reporting from an order.
    requester_organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("requesting organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requested_cases",
        db_index=False,
    )
    # Someone with no account (a hotline caller, an Open311 user): personal data, encrypted.
    contact_name = models.CharField(_("contact name"), max_length=50, blank=True)
    contact_phone = EncryptedCharField(_("contact phone"), blank=True, default="")
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    extra = models.JSONField(_("extra fields"), default=dict, blank=True)
    related_case = models.ForeignKey(
        "self",
        verbose_name=_("raised from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="raised_cases",
        db_index=False,
    )
    dispute_parties = models.JSONField(_("parties"), default=list, blank=True)
    external_system = models.CharField(_("external system"), max_length=50, blank=True)
    external_id = models.CharField(_("external id"), max_length=64, blank=True)
    device_id = models.CharField(_("device id"), max_length=64, blank=True)

    # -- derived from the events ------------------------------------------------------------------------
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REPORTED)
    handler_type = models.CharField(_("handler type"), max_length=16, choices=HandlerType.choices, blank=True)
    handler_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        db_index=False,
    )
    handler_department = models.ForeignKey(
        "people.Department",
        verbose_name=_("handling department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        db_index=False,
    )
    handler_organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("handling organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        db_index=False,
    )
    handler_party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("handling party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        db_index=False,
    )
    handler_area = models.ForeignKey(
        Area,
        verbose_name=_("handling level's area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    handler_area_path = models.CharField(max_length=255, blank=True, default="", editable=False)
    handling_level = models.PositiveSmallIntegerField(
        _("handling level"), choices=HandlingLevel.choices, null=True, blank=True
    )
    highest_level = models.PositiveSmallIntegerField(
        _("highest handling level"), choices=HandlingLevel.choices, null=True, blank=True
    )
    # The area whose staff dispatched it last: a return goes back there.
    dispatcher_area = models.ForeignKey(
        Area,
        verbose_name=_("dispatcher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    first_receiver = models.ForeignKey(
        "people.Person",
        verbose_name=_("first receiver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="first_received_cases",
        db_index=False,
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    response_due = models.DateTimeField(_("response due"), null=True, blank=True)
    handle_due = models.DateTimeField(_("handling due"), null=True, blank=True)
    # The handling deadline was set for this case (at intake or dispatch) rather than by its category: the
    # later steps of the same pass (accept, take, a re-dispatch without a deadline, a whistle) keep it.
    handle_due_fixed = models.BooleanField(_("deadline set for this case"), default=False)
    return_due = models.DateTimeField(_("return allowed until"), null=True, blank=True)
    extension_days = models.DecimalField(
        _("extension granted (working days)"), max_digits=6, decimal_places=2, default=0
    )
    extension_pending = models.BooleanField(_("extension requested"), default=False)
    response_overdue = models.BooleanField(_("response overdue"), default=False)
    handle_overdue = models.BooleanField(_("handling overdue"), default=False)
    # Sticky: some pass of handling ended after its deadline (the on-time figure counts against it).
    handled_late = models.BooleanField(_("handled late"), default=False)
    whistled = models.BooleanField(_("whistled"), default=False)
    return_pending = models.BooleanField(_("returned, awaiting the dispatcher"), default=False)
    return_disputed = models.BooleanField(_("return disputed"), default=False)
    return_locked = models.BooleanField(_("return decided: no further return"), default=False)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    return_count = models.PositiveSmallIntegerField(_("times returned"), default=0)
    escalation_count = models.PositiveSmallIntegerField(_("times escalated"), default=0)
    supervise_count = models.PositiveSmallIntegerField(_("times supervised"), default=0)
    verified_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices, blank=True)
    rating_note = models.CharField(_("rating note"), max_length=500, blank=True)
    rating_auto = models.BooleanField(_("rated automatically"), default=False)
    # 1–5 stars when the reporter gave them beside (or for) the level; the figures count the level only.
    rating_stars = models.PositiveSmallIntegerField(_("stars"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    rating_due = models.DateTimeField(_("auto-rated at"), null=True, blank=True)
    outcome = models.CharField(
        _("mediation outcome"), max_length=16, choices=DisputeOutcome.choices, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
        db_index=False,
    )
    # A task's issuing level (the area path of the post that issued it): its staff accept the result (验收).
    issuer_path = models.CharField(_("issued by the level"), max_length=255, blank=True, default="")
    # Claims (认领): how many may claim the case (None: it takes no claims) and how many hold a claim now.
    claim_capacity = models.PositiveSmallIntegerField(_("places to claim"), null=True, blank=True)
    claim_count = models.PositiveSmallIntegerField(_("claimed places"), default=0)
    public_note = models.CharField(_("latest public note"), max_length=500, blank=True)
    event_count = models.PositiveIntegerField(default=0, editable=False)
    last_event_at = models.DateTimeField(_("last step at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(
        area_path="area_path",
        residents=True,
        department=_department_cases,
        organisation=_organisation_cases,
        own=_own_cases,
        also=_other_ways_in,
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["area_path", "reported_at"], name="case_area_reported"),
            models.Index(fields=["state", "handle_due"], name="case_state_due"),
            # The queues: open cases under an area (a range per open state, instead of the whole area).
            models.Index(fields=["state", "area_path"], name="case_state_area"),
            # The staff queue filtered by category (a top-level category and its children): one seek per
            # category and state over the area's range, instead of every open case of the area.
            models.Index(fields=["category", "state", "area_path"], name="case_category_state_area"),
            models.Index(fields=["handler_area_path", "state"], name="case_handler_area_state"),
            models.Index(fields=["handler_person", "state"], name="case_handler_person_state"),
            # Most cases are never with a department or a company, or first received by a worker: partial
            # indexes (an equality on the column implies NOT NULL, on SQLite as on PostgreSQL) leave those
            # rows out, and a report writes nothing to them.
            models.Index(
                fields=["handler_department", "state"],
                name="case_handler_dept_state",
                condition=Q(handler_department__isnull=False),
            ),
            models.Index(
                fields=["handler_organisation", "state"],
                name="case_handler_org_state",
                condition=Q(handler_organisation__isnull=False),
            ),
            models.Index(
                fields=["handler_party_org", "state"],
                name="case_handler_party_org_state",
                condition=Q(handler_party_org__isnull=False),
            ),
            models.Index(fields=["reporter", "reported_at"], name="case_reporter_reported"),
            models.Index(
                fields=["first_receiver", "state"],
                name="case_first_receiver_state",
                condition=Q(first_receiver__isnull=False),
            ),
            models.Index(fields=["reported_at"], name="case_reported"),
            models.Index(fields=["external_system", "external_id"], name="case_external"),
            # Few cases are raised from or merged into another: partial indexes cost intake nothing for the
            # others, and let the case page list a case's follow-ups and merged reports without a scan.
            models.Index(
                fields=["related_case"], name="case_related", condition=Q(related_case__isnull=False)
            ),
            models.Index(
                fields=["merged_into"], name="case_merged_into", condition=Q(merged_into__isnull=False)
            ),
            # The cases not yet answered (a few thousand of a million): the overdue list finds those past
            # their response limit without reading the others.
            models.Index(
                fields=["response_due"], name="case_unanswered_due", condition=Q(responded_at__isnull=True)
            ),
            # Extensions awaiting a decision and returns in dispute (a handful at any time): the leaders'
            # workbench counts them under each area it shows; without these, each count read every case of
            # the county (3 s apiece at a million cases).
            models.Index(
                fields=["area_path"], name="case_extension_pending", condition=Q(extension_pending=True)
            ),
            models.Index(
                fields=["area_path"], name="case_return_disputed", condition=Q(return_disputed=True)
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        """The case number people quote: the local report date and the row id (20261202-0000123)."""
        if not self.pk:
            return ""
        # A step quotes it several times (audit, notices): worked out once per id and report time.
        key = (self.pk, self.reported_at)
        cached = self.__dict__.get("_number")
        if cached is None or cached[0] != key:
            cached = (key, f"{timezone.localtime(self.reported_at):%Y%m%d}-{self.pk:07d}")
            self.__dict__["_number"] = cached
        return cached[1]

    @staticmethod
    def pk_from_number(number: str) -> int | None:
        tail = str(number).strip().rsplit("-", 1)[-1]
        # "³" is a digit to str.isdigit but not to int: ASCII digits only.
        return int(tail) if tail.isascii() and tail.isdigit() else None

    @property
    def is_open(self) -> bool:
        return self.state not in (State.CLOSED, State.REJECTED, State.MERGED)

    @property
    def one_pass(self) -> bool:
        return self.state == State.CLOSED and self.reopen_count == 0 and self.return_count == 0

    @property
    def is_overdue(self) -> bool:
        if not self.is_open:
            return False
        from lianxin.cases import clock

        now = clock.now()
        if self.responded_at is None and self.response_due and self.response_due < now:
            return True
        return bool(self.handled_at is None and self.handle_due and self.handle_due < now)

    @property
    def handler_label(self) -> str:
        target = (
            self.handler_person
            or self.handler_department
            or self.handler_organisation
            or self.handler_party_org
        )
        if target is None and self.handler_area_id:
            return str(self.handler_area)
        return str(target) if target else ""


class CaseAssignment(models.Model):
    """Who a case has been sent to: the handler of each dispatch, and the lead and assisting departments of
    a whistle (主办/协办), each of which must respond."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        db_index=False,
    )
    department = models.ForeignKey(
        "people.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        db_index=False,
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        db_index=False,
    )
    party_org = models.ForeignKey(
        "party.PartyOrg",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        db_index=False,
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    is_current = models.BooleanField(default=True)
    sent_at = models.DateTimeField()
    respond_due = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        indexes = [
            models.Index(fields=["department", "case"], name="assignment_department"),
            models.Index(fields=["organisation", "case"], name="assignment_organisation"),
            models.Index(
                fields=["party_org", "case"],
                name="assignment_party_org",
                condition=Q(party_org__isnull=False),
            ),
        ]

    def __str__(self):
        target = self.person or self.department or self.organisation or self.party_org or self.area
        return f"{self.case_id} · {self.get_role_display()} · {target}"
