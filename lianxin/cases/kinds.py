"""The case kinds in one place (issue 20): for each kind, the steps it bans, who may file it, who verifies
it, whether it counts in the residents' figures, its rating scale and where the report pages offer it.

The engine's special cases read this registry (``services/steps.py``, ``transitions.py``, ``intake.py``,
``figures.py``, ``views/queries.py``). Another app changes a kind or adds behaviour to it from its
``AppConfig.ready()`` with ``kind_register`` (a whole ``KindSpec``) or ``kind_extend`` (some fields, or
entries of ``behaviour``, a free mapping an app reads back with ``kind_spec(kind).behaviour.get(...)``).
A kind must be a ``Kind`` value: ``Case.kind`` and ``Category.kind`` are choices of that enum.
"""

from dataclasses import dataclass, field, replace
from types import MappingProxyType

from lianxin.cases.models import Action, Kind

# Who may file a kind.
RESIDENTS = "residents"  # anyone: residents, workers, staff, external systems (public categories)
STAFF = "staff"  # the staff of the level over the place (书记, 两委, 社区工作者, 组织部)
ISSUERS = "issuers"  # the issuing level's staff only (tasks, 交办)

# Who verifies a handled case of a kind.
COMMUNITY = (
    "community"  # the community (or the estate's grid worker); the category may leave it to the reporter
)
REPORTER = "reporter"  # the reporter's rating is the check: no verification
ISSUER = (
    "issuer"  # the issuing level (today: the community's staff), whatever the category says; passed closes
)

# Rating scales.
SATISFACTION = "satisfaction"  # satisfied, basically satisfied, unsatisfied (Rating)
NO_RATING = ""


@dataclass(frozen=True)
class KindSpec:
    kind: str
    bans: frozenset = frozenset()  # steps (Action values) a case of this kind never takes
    extra_steps: frozenset = frozenset()  # steps only some kinds take (the table marks them), e.g. mediate
    filed_by: str = RESIDENTS
    verified_by: str = COMMUNITY
    in_resident_figures: bool = True
    rating_scale: str = SATISFACTION
    report_page: bool = True  # listed on the staff/worker report page (report_categories)
    resident_page: bool = False  # listed on a resident's phone page (resident_categories)
    # Open to claims (认领) by a named person or an organisation, up to claim_capacity places unless the
    # case's category or the staff filing it set another number (Category.claim_capacity, case_report).
    claimable: bool = False
    claim_capacity: int | None = None
    behaviour: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @property
    def issued(self) -> bool:
        """Filed only by the levels' staff, never reported."""
        return self.filed_by != RESIDENTS

    @property
    def verify_closes(self) -> bool:
        """A passed verification closes the case (nobody rates it)."""
        return self.verified_by == ISSUER

    def takes(self, step: str) -> bool:
        return step not in self.bans


_REGISTRY: dict[str, KindSpec] = {}


def kind_register(spec: KindSpec) -> KindSpec:
    """Register (or replace) a kind's rules; the last registration wins."""
    if spec.kind not in Kind.values:
        raise ValueError(f"{spec.kind!r} is not a Kind (add it to cases.models.enums.Kind first)")
    if not isinstance(spec.behaviour, MappingProxyType):
        spec = replace(spec, behaviour=MappingProxyType(dict(spec.behaviour)))
    _REGISTRY[spec.kind] = spec
    return spec


def kind_extend(kind: str, *, behaviour: dict | None = None, **changes) -> KindSpec:
    """Change some of a registered kind's rules and add entries to its ``behaviour``."""
    spec = _REGISTRY[kind]
    merged = {**spec.behaviour, **(behaviour or {})}
    for name in ("bans", "extra_steps"):
        if name in changes:
            changes[name] = frozenset(changes[name])
    return kind_register(replace(spec, behaviour=MappingProxyType(merged), **changes))


def kind_spec(kind: str) -> KindSpec:
    return _REGISTRY[kind]


def kinds(**where) -> list[str]:
    """The registered kinds whose fields equal ``where`` (e.g. ``kinds(in_resident_figures=True)``), in the
    enum's order."""
    return [
        k
        for k in Kind.values
        if k in _REGISTRY and all(getattr(_REGISTRY[k], name) == value for name, value in where.items())
    ]


def resident_kinds() -> list[str]:
    """The kinds counted in the residents' figures."""
    return kinds(in_resident_figures=True)


def issued_kinds() -> list[str]:
    """The kinds only the levels' staff file (never reported)."""
    return [k for k in kinds() if _REGISTRY[k].issued]


def claim_capacity_default(category) -> int | None:
    """How many may claim a new case of this category: the category's places (a service project), else
    the kind's when the kind takes claims, else None (no claims)."""
    if category.claim_capacity:
        return category.claim_capacity
    spec = _REGISTRY[category.kind]
    return spec.claim_capacity if spec.claimable else None


def kinds_registry() -> dict[str, KindSpec]:
    """A copy of the registry (tests restore it after registering)."""
    return dict(_REGISTRY)


def kinds_restore(saved: dict[str, KindSpec]) -> None:
    _REGISTRY.clear()
    _REGISTRY.update(saved)


for _spec in (
    KindSpec(Kind.PROBLEM, resident_page=True),
    KindSpec(Kind.SERVICE_ORDER, bans=frozenset({Action.WHISTLE}), filed_by=STAFF, report_page=False),
    # A micro-wish (微心愿, report 001) is a small wish one person or organisation takes on.
    KindSpec(
        Kind.MICRO_WISH,
        bans=frozenset({Action.ESCALATE, Action.WHISTLE, Action.RETURN_DISPUTE}),
        claimable=True,
        claim_capacity=1,
    ),
    KindSpec(Kind.DISPUTE, extra_steps=frozenset({Action.MEDIATE}), resident_page=True),
    KindSpec(
        Kind.TASK,
        bans=frozenset({Action.RATE}),
        filed_by=ISSUERS,
        verified_by=ISSUER,
        in_resident_figures=False,
        rating_scale=NO_RATING,
        report_page=False,
    ),
):
    kind_register(_spec)
