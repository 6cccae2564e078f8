"""The industry part's models (issue 23, docs/rural/industry.md): projects (特色产业项目、产业基地、
储备农业项目、成果转化, P000-13, P002-18, P002-19, P002-66) and the people they draw in (带动增收,
P000-16); parks, belts and the 三田合一 pilot (一区一带, P000-12, P002-66); agricultural brands
(农产品品牌, P000-15).

A project belongs to an area (usually the cluster) and is followed by the task force (专班) that drives it:
those who see the area see it, and the task force's posts (its head) see it through the party organisation.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "ProjectStage",
    "ProjectKind",
    "Project",
    "Beneficiary",
    "ParkKind",
    "ParkStatus",
    "Park",
    "BrandOwner",
    "Certification",
    "Brand",
]


class ProjectStage(models.TextChoices):
    RESERVE = "reserve", _("in reserve")
    BUILDING = "building", _("under construction")
    OPERATING = "operating", _("in production")
    TRANSFERRED = "transferred", _("put to use")


class ProjectKind(models.TextChoices):
    # 中心村+特色产业+龙头企业 (P000-13, P002-19).
    SPECIALTY = "specialty", _("specialty-industry project")
    # An industrial base built with integrated funds: investment, output, collective-income gain (P002-18).
    BASE = "base", _("industrial base")
    # The cooperatives' project pool (储备农业项目, P002-66).
    RESERVE = "reserve", _("reserve agricultural project")
    # A new variety or technology put into use (成果转化, P002-66).
    TECHNOLOGY = "technology", _("variety or technology put to use")


def _covering_projects(grants):
    """Projects covering a village the user sees (read only): a village's secretary follows the cluster's
    projects his village takes part in."""
    from lianxin.core.paths import under
    from lianxin.core.scope import VIEW, outermost

    paths = outermost(grants.area_paths[VIEW])
    if not paths:
        return None
    condition = models.Q(pk__in=[])
    for path in paths:
        condition |= under("area__path", path)
    return models.Q(pk__in=Project.villages.through.objects.filter(condition).values("project_id"))


class Project(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=ProjectKind.choices)
    stage = models.CharField(
        _("stage"), max_length=16, choices=ProjectStage.choices, default=ProjectStage.RESERVE
    )
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    task_force = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("task force"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="industry_projects",
    )
    central_village = models.ForeignKey(
        "areas.Area",
        verbose_name=_("central village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    villages = models.ManyToManyField(
        "areas.Area", verbose_name=_("villages covered"), blank=True, related_name="industry_projects"
    )
    industry = models.CharField(_("industry"), max_length=50, blank=True)
    enterprise = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("leading enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="industry_projects",
    )
    investment = models.DecimalField(_("investment (yuan)"), max_digits=14, decimal_places=2, default=0)
    output_value = models.DecimalField(_("output value (yuan)"), max_digits=14, decimal_places=2, default=0)
    collective_income_gain = models.DecimalField(
        _("collective-income gain (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    # The area's readers, and the posts of its task force (the head from a county department); those who see
    # one of the villages it covers read it.
    scope = Scope(area_path="area_path", party_org_path="task_force__path", also=_covering_projects)

    class Meta:
        verbose_name = _("industry project")
        verbose_name_plural = _("industry projects")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="rural_project_name_once_per_area"),
            models.CheckConstraint(
                condition=models.Q(investment__gte=0)
                & models.Q(output_value__gte=0)
                & models.Q(collective_income_gain__gte=0),
                name="rural_project_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return self.name


class Beneficiary(models.Model):
    """A resident drawn into a project, with his annual income increase (带动群众增收, P000-16)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="beneficiaries"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=50)
    annual_increase = models.DecimalField(_("annual income increase (yuan)"), max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="project__task_force__path")

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="rural_beneficiary_once_per_project"),
            models.CheckConstraint(
                condition=models.Q(annual_increase__gte=0), name="rural_beneficiary_increase_not_negative"
            ),
        ]

    def __str__(self):
        return self.name


class ParkKind(models.TextChoices):
    MODERN_PARK = "modern_park", _("modern high-efficiency agricultural industrial park")
    DEMO_PARK = "demo_park", _("technology-led agricultural demonstration park")
    BELT = "belt", _("industry belt")
    THREE_FIELDS = "three_fields", _("three fields in one")


class ParkStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    BUILDING = "building", _("under construction")
    OPERATING = "operating", _("in operation")


class Park(models.Model):
    """一区一带 (P000-12): a park, a belt that may span villages and clusters, or a 三田合一 pilot with its
    100-mu experimental, 1,000-mu demonstration and 10,000-mu fields (P002-66); the support it receives."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=ParkKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ParkStatus.choices, default=ParkStatus.OPERATING
    )
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    villages = models.ManyToManyField(
        "areas.Area", verbose_name=_("villages covered"), blank=True, related_name="industry_parks"
    )
    industry = models.CharField(_("industry"), max_length=50, blank=True)
    started_on = models.DateField(_("started on"))
    support_technology = models.BooleanField(_("technology support"), default=False)
    support_finance = models.BooleanField(_("finance support"), default=False)
    support_utilities = models.BooleanField(_("water and power support"), default=False)
    support_note = models.CharField(_("support received"), max_length=200, blank=True)
    trial_mu = models.DecimalField(
        _("experimental field (mu)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    demonstration_mu = models.DecimalField(
        _("demonstration field (mu)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    field_mu = models.DecimalField(
        _("large field (mu)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    enterprises = models.ManyToManyField(
        "people.Organisation",
        verbose_name=_("partner enterprises"),
        blank=True,
        related_name="industry_parks",
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("park or belt")
        verbose_name_plural = _("parks and belts")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="rural_park_name_once_per_area"),
        ]

    def __str__(self):
        return self.name

    @property
    def supports(self) -> list[str]:
        pairs = (
            (self.support_technology, _("technology")),
            (self.support_finance, _("finance")),
            (self.support_utilities, _("water and power")),
        )
        return [str(label) for on, label in pairs if on]


class BrandOwner(models.TextChoices):
    CLUSTER = "cluster", _("cluster")
    VILLAGE = "village", _("village")
    COOPERATIVE = "cooperative", _("cooperative")
    ENTERPRISE = "enterprise", _("enterprise")


class Certification(models.TextChoices):
    NONE = "", _("none")
    GREEN = "green", _("green food")
    POLLUTION_FREE = "pollution_free", _("pollution-free produce")
    GREEN_POLLUTION_FREE = "green_pollution_free", _("green and pollution-free produce")
    ORGANIC = "organic", _("organic")
    GEOGRAPHICAL = "geographical", _("geographical indication")


class Brand(models.Model):
    """An agricultural product brand and its trademark (P000-15). A cluster's own brand name is
    ``Area.brand`` (P002-19); this registry holds the registered product brands."""

    name = models.CharField(_("name"), max_length=100)
    owner_kind = models.CharField(_("owner"), max_length=16, choices=BrandOwner.choices)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("owning cooperative or enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="industry_brands",
    )
    products = models.CharField(_("products"), max_length=200)
    certification = models.CharField(
        _("certification"), max_length=24, choices=Certification.choices, blank=True, default=""
    )
    trademark_number = models.CharField(_("trademark number"), max_length=40, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("agricultural brand")
        verbose_name_plural = _("agricultural brands")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="rural_brand_name_once_per_area"),
            models.UniqueConstraint(
                fields=["trademark_number"],
                condition=~models.Q(trademark_number=""),
                name="rural_brand_trademark_once",
            ),
        ]

    def __str__(self):
        return self.name
