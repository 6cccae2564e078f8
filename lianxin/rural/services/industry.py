"""Industry (issue 23, docs/rural/industry.md): projects and their beneficiaries, parks and belts, brands,
and the six links of the county's industry chains. Each write is one transaction, audited (setup_industry).

Who records: the capability ``rural.industry_record`` (the organisation department, secretaries, joint
committee leaders, task-force heads), over an area he may change, or, for a task-force head, for his own
task force (its cluster).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import is_under
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.chains import ChainLink, IndustryChain
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.rural.models import (
    Beneficiary,
    Brand,
    BrandOwner,
    Certification,
    Park,
    ParkKind,
    ParkStatus,
    Project,
    ProjectKind,
    ProjectStage,
)

INDUSTRY_RECORD = "rural.industry_record"
ENTERPRISE_KINDS = (OrganisationKind.AGRI_ENTERPRISE, OrganisationKind.TOWNSHIP_COMPANY)


def _text(value, field: str, message: str, *, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, code="required", field=field)
    if len(value) > limit:
        raise DomainError(_("At most %(n)s characters.") % {"n": limit}, field=field)
    return value


def _amount(value, field: str, label: str, *, places: int = 2) -> Decimal:
    if value is None or value == "":
        return Decimal("0.00")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("%(label)s must be a number.") % {"label": label}, field=field) from None
    if not amount.is_finite():
        raise DomainError(_("%(label)s must be a number.") % {"label": label}, field=field)
    if amount < 0:
        raise DomainError(_("%(label)s cannot be negative.") % {"label": label}, field=field)
    if amount != amount.quantize(Decimal(1).scaleb(-places)) or amount >= Decimal(10) ** 12:
        raise DomainError(_("%(label)s is not a valid amount.") % {"label": label}, field=field)
    return amount.quantize(Decimal(1).scaleb(-places))


def _choice(value, choices, field: str, message: str) -> str:
    if value not in choices.values:
        raise DomainError(message, field=field)
    return value


def recorder_require(actor) -> None:
    if not may(actor, INDUSTRY_RECORD):
        raise DomainError(_("You may not record industry projects, parks or brands."), code="forbidden")


def _area_writable(actor, area: Area) -> bool:
    return Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists()


def _task_force_writable(actor, task_force) -> bool:
    return (
        task_force is not None and PartyOrg.objects.restrict(actor, CHANGE).filter(pk=task_force.pk).exists()
    )


def _writable_require(actor, *, area: Area, task_force=None) -> None:
    if not (_area_writable(actor, area) or _task_force_writable(actor, task_force)):
        raise DomainError(_("Choose an area within your scope."), code="forbidden", field="area")


def project_writable(actor, project: Project) -> bool:
    return may(actor, INDUSTRY_RECORD) and (
        _area_writable(actor, project.area) or _task_force_writable(actor, project.task_force)
    )


def _villages_check(villages, *, area: Area, field: str = "villages") -> list[Area]:
    villages = list(villages or [])
    for village in villages:
        if village.level != Level.VILLAGE:
            raise DomainError(_("%(name)s is not a village.") % {"name": village.name}, field=field)
        if not is_under(village.path, area.path):
            raise DomainError(
                _("%(village)s is not in %(area)s.") % {"village": village.name, "area": area.name},
                field=field,
            )
    return villages


@transaction.atomic
def project_create(
    actor,
    *,
    name: str,
    kind: str,
    stage: str = ProjectStage.RESERVE,
    area: Area | None = None,
    task_force: PartyOrg | None = None,
    central_village: Area | None = None,
    villages=(),
    industry: str = "",
    enterprise: Organisation | None = None,
    investment=None,
    output_value=None,
    collective_income_gain=None,
    started_on: date | None = None,
    description: str = "",
) -> Project:
    """A project of an area (the task force's cluster when no area is given). A specialty-industry
    project (中心村+特色产业+龙头企业) names its central village, industry and leading enterprise."""
    recorder_require(actor)
    name = _text(name, "name", _("Give the project a name."), limit=100)
    kind = _choice(kind, ProjectKind, "kind", _("Choose the project's kind."))
    stage = _choice(stage, ProjectStage, "stage", _("Choose the project's stage."))
    if task_force is not None and task_force.kind != OrgKind.TASK_FORCE:
        raise DomainError(_("Choose a task force (专班)."), field="task_force")
    if area is None and task_force is not None:
        area = task_force.area
    if area is None:
        raise DomainError(_("Choose the area."), code="required", field="area")
    if area.level in (Level.ESTATE, Level.GRID, Level.BUILDING, Level.UNIT):
        raise DomainError(_("Choose a county, township, cluster or village."), field="area")
    _writable_require(actor, area=area, task_force=task_force)
    industry = (industry or "").strip()[:50]
    if central_village is not None:
        _villages_check([central_village], area=area, field="central_village")
    if enterprise is not None and enterprise.kind not in ENTERPRISE_KINDS:
        raise DomainError(
            _("%(name)s is not an agricultural enterprise.") % {"name": enterprise.name}, field="enterprise"
        )
    if kind == ProjectKind.SPECIALTY:
        if central_village is None:
            raise DomainError(
                _("A specialty-industry project needs its central village."),
                code="required",
                field="central_village",
            )
        if not industry:
            raise DomainError(
                _("A specialty-industry project needs its industry."), code="required", field="industry"
            )
        if enterprise is None:
            raise DomainError(
                _("A specialty-industry project needs its leading enterprise."),
                code="required",
                field="enterprise",
            )
    villages = _villages_check(villages, area=area)
    if central_village is not None and central_village not in villages:
        villages.insert(0, central_village)
    amounts = {
        "investment": _amount(investment, "investment", _("Investment")),
        "output_value": _amount(output_value, "output_value", _("Output value")),
        "collective_income_gain": _amount(
            collective_income_gain, "collective_income_gain", _("Collective-income gain")
        ),
    }
    if Project.objects.filter(area=area, name=name).exists():
        raise DomainError(
            _("%(area)s already has a project named %(name)s.") % {"area": area.name, "name": name},
            code="invalid_state",
            field="name",
        )
    project = Project.objects.create(
        name=name,
        kind=kind,
        stage=stage,
        area=area,
        area_path=area.path,
        task_force=task_force,
        central_village=central_village,
        industry=industry,
        enterprise=enterprise,
        started_on=started_on,
        description=(description or "").strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
        **amounts,
    )
    project.villages.set(villages)
    return project


@transaction.atomic
def project_update(
    actor,
    *,
    project: Project,
    stage: str | None = None,
    investment=None,
    output_value=None,
    collective_income_gain=None,
) -> Project:
    """Move a project on (储备 → 在建 → 投产 → 成果转化, or back when mis-recorded) and update a base's
    investment, output and collective-income gain."""
    recorder_require(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not project_writable(actor, project):
        raise DomainError(_("You may not change this project."), code="forbidden")
    if stage is not None:
        project.stage = _choice(stage, ProjectStage, "stage", _("Choose the project's stage."))
    for field, value, label in (
        ("investment", investment, _("Investment")),
        ("output_value", output_value, _("Output value")),
        ("collective_income_gain", collective_income_gain, _("Collective-income gain")),
    ):
        if value is not None and value != "":
            setattr(project, field, _amount(value, field, label))
    project.save()
    return project


@transaction.atomic
def beneficiary_add(
    actor, *, project: Project, person=None, name: str = "", annual_increase=None
) -> Beneficiary:
    """A resident drawn into the project with his annual income increase; once per project."""
    recorder_require(actor)
    if not project_writable(actor, project):
        raise DomainError(_("You may not change this project."), code="forbidden")
    if person is not None:
        name = name or person.name
    name = _text(name, "name", _("Give the beneficiary's name."), limit=50)
    if annual_increase is None or annual_increase == "":
        raise DomainError(_("Give the annual income increase."), code="required", field="annual_increase")
    increase = _amount(annual_increase, "annual_increase", _("Annual income increase"))
    duplicate = Beneficiary.objects.filter(project=project, name=name)
    if person is not None:
        duplicate = Beneficiary.objects.filter(project=project, person=person) | duplicate
    if duplicate.exists():
        raise DomainError(
            _("%(name)s is already a beneficiary of this project.") % {"name": name},
            code="invalid_state",
            field="name",
        )
    return Beneficiary.objects.create(
        project=project, area_path=project.area_path, person=person, name=name, annual_increase=increase
    )


@transaction.atomic
def park_create(
    actor,
    *,
    name: str,
    kind: str,
    area: Area | None,
    started_on: date | None,
    status: str = ParkStatus.OPERATING,
    villages=(),
    industry: str = "",
    support_technology: bool = False,
    support_finance: bool = False,
    support_utilities: bool = False,
    support_note: str = "",
    trial_mu=None,
    demonstration_mu=None,
    field_mu=None,
    enterprises=(),
    description: str = "",
) -> Park:
    """A park or a belt of an area; a belt may span villages of several clusters (its area is then the
    township or the county). A 三田合一 pilot gives its three fields in mu."""
    recorder_require(actor)
    name = _text(name, "name", _("Give the park or belt a name."), limit=100)
    kind = _choice(kind, ParkKind, "kind", _("Choose the park's kind."))
    status = _choice(status, ParkStatus, "status", _("Choose the park's status."))
    if area is None:
        raise DomainError(_("Choose the area."), code="required", field="area")
    _writable_require(actor, area=area)
    if started_on is None:
        raise DomainError(_("Give the start date."), code="required", field="started_on")
    villages = _villages_check(villages, area=area)
    fields = {}
    labels = {
        "trial_mu": _("Experimental field (mu)"),
        "demonstration_mu": _("Demonstration field (mu)"),
        "field_mu": _("Large field (mu)"),
    }
    for field, value in (
        ("trial_mu", trial_mu),
        ("demonstration_mu", demonstration_mu),
        ("field_mu", field_mu),
    ):
        if value is None or value == "":
            if kind == ParkKind.THREE_FIELDS:
                raise DomainError(
                    _("A three-fields-in-one pilot gives its %(field)s.") % {"field": labels[field]},
                    code="required",
                    field=field,
                )
            fields[field] = None
        else:
            fields[field] = _amount(value, field, labels[field])
    enterprises = list(enterprises or [])
    for enterprise in enterprises:
        if enterprise.kind not in (*ENTERPRISE_KINDS, OrganisationKind.COOPERATIVE):
            raise DomainError(
                _("%(name)s is not an agricultural enterprise.") % {"name": enterprise.name},
                field="enterprises",
            )
    if Park.objects.filter(area=area, name=name).exists():
        raise DomainError(
            _("%(area)s already has a park or belt named %(name)s.") % {"area": area.name, "name": name},
            code="invalid_state",
            field="name",
        )
    park = Park.objects.create(
        name=name,
        kind=kind,
        status=status,
        area=area,
        area_path=area.path,
        industry=(industry or "").strip()[:50],
        started_on=started_on,
        support_technology=bool(support_technology),
        support_finance=bool(support_finance),
        support_utilities=bool(support_utilities),
        support_note=(support_note or "").strip()[:200],
        description=(description or "").strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
        **fields,
    )
    park.villages.set(villages)
    park.enterprises.set(enterprises)
    return park


@transaction.atomic
def brand_create(
    actor,
    *,
    name: str,
    owner_kind: str,
    area: Area | None = None,
    organisation: Organisation | None = None,
    products: str,
    certification: str = "",
    trademark_number: str = "",
    registered_on: date | None = None,
) -> Brand:
    """A brand owned by a cluster, a village, a cooperative or an enterprise (the organisation's area when
    no area is given); a trademark number is registered once."""
    recorder_require(actor)
    name = _text(name, "name", _("Give the brand a name."), limit=100)
    owner_kind = _choice(owner_kind, BrandOwner, "owner_kind", _("Choose the brand's owner."))
    products = _text(products, "products", _("Give the brand's products."), limit=200)
    certification = _choice(certification or "", Certification, "certification", _("Choose a certification."))
    if owner_kind in (BrandOwner.COOPERATIVE, BrandOwner.ENTERPRISE):
        if organisation is None:
            raise DomainError(
                _("Choose the cooperative or enterprise owning the brand."),
                code="required",
                field="organisation",
            )
        wanted = (OrganisationKind.COOPERATIVE,) if owner_kind == BrandOwner.COOPERATIVE else ENTERPRISE_KINDS
        if organisation.kind not in wanted:
            raise DomainError(
                _("%(name)s is not a %(owner)s.")
                % {"name": organisation.name, "owner": BrandOwner(owner_kind).label},
                field="organisation",
            )
        area = area or organisation.area
    else:
        organisation = None
        if area is None:
            raise DomainError(_("Choose the area."), code="required", field="area")
        level = Level.CLUSTER if owner_kind == BrandOwner.CLUSTER else Level.VILLAGE
        if area.level != level:
            raise DomainError(
                _("%(name)s is not a %(owner)s.")
                % {"name": area.name, "owner": BrandOwner(owner_kind).label},
                field="area",
            )
    if area is None:
        raise DomainError(_("Choose the area."), code="required", field="area")
    _writable_require(actor, area=area)
    trademark_number = (trademark_number or "").strip()
    if len(trademark_number) > 40:
        raise DomainError(_("At most %(n)s characters.") % {"n": 40}, field="trademark_number")
    if trademark_number and Brand.objects.filter(trademark_number=trademark_number).exists():
        raise DomainError(
            _("Trademark %(number)s is already registered.") % {"number": trademark_number},
            code="invalid_state",
            field="trademark_number",
        )
    if Brand.objects.filter(area=area, name=name).exists():
        raise DomainError(
            _("%(area)s already has a brand named %(name)s.") % {"area": area.name, "name": name},
            code="invalid_state",
            field="name",
        )
    try:
        with transaction.atomic():
            return Brand.objects.create(
                name=name,
                owner_kind=owner_kind,
                area=area,
                area_path=area.path,
                organisation=organisation,
                products=products,
                certification=certification,
                trademark_number=trademark_number,
                registered_on=registered_on,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        raise DomainError(_("This brand is already registered."), code="invalid_state") from None


@transaction.atomic
def cluster_brand_set(actor, *, cluster: Area, brand: str) -> Area:
    """A cluster's own brand name (片区品牌, ``Area.brand``, P002-19), e.g. 芦笋产业发展示范片区."""
    recorder_require(actor)
    if cluster.level != Level.CLUSTER:
        raise DomainError(_("Choose a cluster."), field="cluster")
    _writable_require(actor, area=cluster)
    brand = (brand or "").strip()
    if len(brand) > 100:
        raise DomainError(_("At most %(n)s characters.") % {"n": 100}, field="brand")
    cluster = Area.objects.select_for_update().get(pk=cluster.pk)
    cluster.brand = brand
    cluster.save(update_fields=["brand"])
    return cluster


@transaction.atomic
def chain_links_set(actor, *, chain: IndustryChain, links) -> IndustryChain:
    """Record which of the six links (种、养、加、研、游、销) a chain has (P000-14)."""
    recorder_require(actor)
    if not IndustryChain.objects.restrict(actor, CHANGE).filter(pk=chain.pk).exists():
        raise DomainError(_("You may not change this chain."), code="forbidden")
    links = list(links or [])
    unknown = [link for link in links if link not in ChainLink.values]
    if unknown:
        raise DomainError(
            _("Unknown link: %(links)s") % {"links": "、".join(str(u) for u in unknown)}, field="links"
        )
    chain = IndustryChain.objects.select_for_update().get(pk=chain.pk)
    chain.links = [code for code in ChainLink.values if code in links]
    chain.save(update_fields=["links"])
    return chain
