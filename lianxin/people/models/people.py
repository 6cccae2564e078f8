"""Persons, accounts, departments, the organisations that work in the territory, and posts."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area
from lianxin.core import crypto
from lianxin.core.fields import EncryptedCharField
from lianxin.core.masking import mask_id_number, mask_mobile
from lianxin.core.scope import Scope, ScopedManager, ScopedQuerySet
from lianxin.people.roles import ROLE_MAX_LENGTH, PostSource, StaffingType, role_choices

MOBILE_INDEX_PURPOSE = "person.mobile"
ID_NUMBER_INDEX_PURPOSE = "person.id_number"


def normalise_mobile(value: str) -> str:
    """Mainland mobile numbers as people type them: spaces, dashes and a +86 / 86 prefix removed."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def is_mobile(value: str) -> bool:
    digits = normalise_mobile(value)
    return len(digits) == 11 and digits.startswith("1")


def normalise_id_number(value: str) -> str:
    return value.strip().replace(" ", "").upper()


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class PersonTag(models.Model):
    """A group a person belongs to (快递从业人员, 失地居民, 退役军人, 后备干部 …): configurable."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("person tag")
        verbose_name_plural = _("person tags")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Person(models.Model):
    """A real person in the territory: resident, worker, cadre. Accounts belong to persons.

    Mobile and ID numbers are personal data: stored encrypted, searched by their blind index, shown masked
    unless the viewer's post grants the full value (and then the view is logged).
    """

    name = models.CharField(_("name"), max_length=50)
    mobile = EncryptedCharField(_("mobile number"), blank=True, default="")
    mobile_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    id_number = EncryptedCharField(_("ID number"), blank=True, default="")
    id_number_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    household = models.ForeignKey(
        "areas.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    # Where the person is placed on the tree: his household's area, or where he is registered.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    tags = models.ManyToManyField(PersonTag, verbose_name=_("tags"), blank=True, related_name="persons")
    employer = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
    )
    shows_party_badge = models.BooleanField(_("shows party member badge"), default=False)
    note = EncryptedCharField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="pk", residents=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self):
        return self.name

    def set_mobile(self, value: str) -> None:
        number = normalise_mobile(value) if value else ""
        self.mobile = number
        self.mobile_index = crypto.blind_index(number, purpose=MOBILE_INDEX_PURPOSE) if number else ""

    def set_id_number(self, value: str) -> None:
        number = normalise_id_number(value) if value else ""
        self.id_number = number
        self.id_number_index = crypto.blind_index(number, purpose=ID_NUMBER_INDEX_PURPOSE) if number else ""

    def set_area(self, area) -> None:
        self.area = area
        self.area_path = area.path if area else ""

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile)

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @staticmethod
    def mobile_lookup(value: str) -> str:
        return crypto.blind_index(normalise_mobile(value), purpose=MOBILE_INDEX_PURPOSE)

    @staticmethod
    def id_number_lookup(value: str) -> str:
        return crypto.blind_index(normalise_id_number(value), purpose=ID_NUMBER_INDEX_PURPOSE)


class User(AbstractUser):
    """A login account. The person behind it carries the name, the numbers and the posts."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
    )
    # 身份鉴别: when the password was last set, and whether its holder must choose a new one (an initial or
    # reset password set by an administrator) before doing anything else.
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    must_change_password = models.BooleanField(_("must change password at next sign-in"), default=False)
    # Accounts made by load_demo (DEBUG only): their published password never expires. Never set elsewhere.
    is_demo = models.BooleanField(_("demo account"), default=False, editable=False)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    @property
    def opens_configuration(self) -> bool:
        from lianxin.security.policy import user_opens_admin_site

        return user_opens_admin_site(self)

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        # Re-reading the account re-reads his posts too: the per-request context may be stale.
        from lianxin.core.context import user_context_clear

        user_context_clear(self)

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()
        self.must_change_password = False

    def has_perm(self, perm, obj=None):
        # 三员分立: the superuser flag opens nothing; only the permissions of an account's roles do.
        return self.is_active and any(backend.has_perm(self, perm, obj) for backend in _permission_backends())

    def has_module_perms(self, app_label):
        return self.is_active and any(
            backend.has_module_perms(self, app_label) for backend in _permission_backends()
        )

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.name
        return self.get_full_name() or self.username


class DepartmentKind(models.TextChoices):
    DEPARTMENT = "department", _("functional department")
    # A street's comprehensive enforcement office with its member departments ("1+6+N", P001-20).
    ENFORCEMENT_OFFICE = "enforcement_office", _("comprehensive enforcement office")
    # A leading group (领导小组, P001-06, P004-48) and its special working groups (专项工作组):
    # bodies whose seats are posts (group_leader, several allowed; deputy_group_leader; group_member)
    # held by people of county departments and streets (issue 22, supervision).
    LEADING_GROUP = "leading_group", _("leading group")
    WORKING_GROUP = "working_group", _("working group")


def _permission_backends():
    from django.contrib.auth import get_backends

    return [b for b in get_backends() if hasattr(b, "has_perm")]


class Department(models.Model):
    """A functional department of a county or street (综治, 民政, 人社, 住建 …), for dispatch."""

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.DEPARTMENT
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="departments"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    # An enforcement office summons its member departments with it when a case is whistled.
    member_departments = models.ManyToManyField(
        "self", verbose_name=_("member departments"), symmetrical=False, blank=True, related_name="offices"
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path", department="pk")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="department_code_unique_per_area")
        ]

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    PROPERTY_COMPANY = "property_company", _("property company")
    OWNERS_COMMITTEE = "owners_committee", _("owners' committee")
    PROVIDER = "provider", _("service provider")
    EMPLOYER = "employer", _("employer unit")
    # Shops whose rewards residents redeem with points (the points app; its staff confirm the codes).
    PARTNER_SHOP = "partner_shop", _("partner shop")
    # Rural bodies (issue 23, docs/rural.md): party-led cooperatives, leading agricultural enterprises, a
    # township's collective-economy company and a converted village's economic organisation.
    COOPERATIVE = "cooperative", _("cooperative")
    AGRI_ENTERPRISE = "agri_enterprise", _("agricultural enterprise")
    TOWNSHIP_COMPANY = "township_company", _("township collective-economy company")
    ECONOMIC_ORGANISATION = "economic_organisation", _("collective economic organisation")


class Ownership(models.TextChoices):
    PRIVATE = "private", _("private")
    COUNTY_SOE = "county_soe", _("county state-owned")
    STREET_SOE = "street_soe", _("street state-owned")
    # A mixed-ownership enterprise (混改企业, P000-66): measures tailored to it, a filter on the lists.
    MIXED = "mixed", _("mixed ownership")


class Organisation(models.Model):
    """A body that works in the territory: property company, owners' committee, provider, employer unit."""

    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    # Property companies (P001-32).
    ownership = models.CharField(_("ownership"), max_length=16, choices=Ownership.choices, blank=True)
    managing_department = models.ForeignKey(
        Department,
        verbose_name=_("managing department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_organisations",
    )
    is_key_company = models.BooleanField(_("key company guided by the sector committee"), default=False)
    # Owners' committees: their estate, term, plaque and physical operation (P001-57, P004-07).
    estate = models.ForeignKey(
        Area,
        verbose_name=_("estate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owners_committees",
    )
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    has_plaque = models.BooleanField(_("plaque and physical operation"), default=False)
    office_place = models.CharField(_("office place"), max_length=100, blank=True)
    operating_since = models.DateField(_("operating since"), null=True, blank=True)
    # Providers: what they offer.
    offers = models.TextField(_("services offered"), blank=True)
    contact = models.CharField(_("contact"), max_length=100, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="pk")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The scope reads area_path: one saved with only its area would be out of everyone's scope. One
        # placed by its path alone (no area row, as a county-wide company) keeps the path it was given.
        if self.area_id:
            self.area_path = self.area.path
        super().save(*args, **kwargs)


class EstateService(models.Model):
    """A property company serving an estate (P001-33): the fee may start later than service, never earlier."""

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("property company"),
        on_delete=models.PROTECT,
        related_name="estate_services",
    )
    estate = models.ForeignKey(
        Area, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="services"
    )
    service_start = models.DateField(_("service start"))
    fee_start = models.DateField(_("fee start"), null=True, blank=True)
    service_end = models.DateField(_("service end"), null=True, blank=True)

    class Meta:
        verbose_name = _("estate property service")
        verbose_name_plural = _("estate property services")
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_start__isnull=True) | Q(fee_start__gte=models.F("service_start")),
                name="estate_service_fee_not_before_service",
            )
        ]

    def __str__(self):
        return f"{self.company} · {self.estate}"


class PostQuerySet(ScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


class PostManager(models.Manager.from_queryset(PostQuerySet)):
    pass


class Post(models.Model):
    """A person holds a role over a scope (an area, a party organisation, a department or an organisation),
    from a date until a date. Posts decide what a user sees: see ``lianxin.core.scope``."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="posts"
    )
    role = models.CharField(_("role"), max_length=ROLE_MAX_LENGTH, choices=role_choices, db_index=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    place = models.ForeignKey(
        "areas.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    # Where the post sits on the tree, whatever its scope kind: for listing "the posts of an area".
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    party_org_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)
    is_full_time = models.BooleanField(_("full time"), default=False)
    is_sent_down = models.BooleanField(_("sent down to an estate"), default=False)
    source = models.CharField(_("drawn from"), max_length=20, choices=PostSource.choices, blank=True)
    staffing_type = models.CharField(
        _("staffing type"), max_length=20, choices=StaffingType.choices, blank=True
    )
    duties = models.TextField(_("duties"), blank=True)
    # A grid worker's duty roles (comma-joined DutyRole values, P000-27) and whether he takes every
    # category of his grid (全科网格员, P001-28).
    duty_roles = models.CharField(_("duty roles"), max_length=100, blank=True)
    is_all_round = models.BooleanField(_("all-round grid worker"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = PostManager()
    scope = Scope(
        area_path="area_path",
        party_org_path="party_org_path",
        department="department",
        organisation="organisation",
        own="person_id",
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="post_ends_after_it_starts",
            )
        ]

    def __str__(self):
        # No holder's name: a post is shown (admin titles, audit records) to those who may not read persons.
        scope = self.scope_label
        return f"{self.get_role_display()} · {scope}" if scope else str(self.get_role_display())

    @property
    def duty_role_list(self) -> list[str]:
        return [r for r in self.duty_roles.split(",") if r]

    @property
    def scope_label(self) -> str:
        target = self.area or self.party_org or self.department or self.organisation or self.place
        return str(target) if target else ""


class PersonalDataView(models.Model):
    """A full view of someone's mobile or ID number: who looked, at whose, when, why (PIPL)."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("viewer"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    field = models.CharField(_("field"), max_length=20)
    reason = models.CharField(_("reason"), max_length=200)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.viewer} · {self.person} · {self.field}"


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("waiting")
    DONE = "done", _("corrected")
    REJECTED = "rejected", _("not corrected")


class CorrectionRequest(models.Model):
    """A person asks for what the platform holds about him to be corrected (PIPL art. 46).

    Handled by staff whose posts may change his record; the answer is kept with the request."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField(_("what is wrong"), max_length=40)
    # What the person says is right: personal data too, sealed like the record itself.
    correction = EncryptedCharField(_("what is right"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.OPEN,
        db_index=True,
    )
    answer = models.CharField(_("answer"), max_length=200, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.person_id} · {self.field}"
