"""Micro-wishes (微心愿) and service projects (服务项目认领): what the volunteering app plugs into the case
loop from its ``AppConfig.ready()``, without a line of ``cases/`` changed.

- The categories: a 微心愿 tree (kind ``micro_wish``, confirmed by the resident's rating) and a 服务项目
  category (kind ``task``, with the hours of service as a required extra field, ``hours``), seeded by the
  migration ``volunteering 0005``.
- The claim guard: a wish or a project of these categories is claimed by a person who has reported to a
  community (an approved volunteer registration, resident or employed member, or the ``volunteer`` post
  that approval gives), or for an organisation whose unit has reported (an approved unit registration of a
  party organisation covering it). Anyone else: 403 请先到社区报到.
- The payments, a step listener on ``close``: a confirmed wish pays each person who claimed it
  ``LIANXIN_POINTS_PER_WISH`` (key ``wish:<case id>``); an accepted project pays each person who claimed
  it hours × ``LIANXIN_POINTS_PER_HOUR`` (key ``project:<case id>:<person id>``). The ledger keeps one
  entry per key, so a replayed close never pays twice. An organisation's claim earns no personal points.

The guard and the listener stay on these categories: a claimable case of another category keeps the
engine's own rule.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WISH_ROOT = "micro_wish"
PROJECT_ROOT = "service_project"
HOURS = "hours"
SOURCE_WISH = "micro_wish"
SOURCE_PROJECT = "service_project"
COMMUNITY = 40  # cases.HandlingLevel.COMMUNITY: community staff screen wishes and issue projects

# (code, name, kind, options, children): the migration and ``wish_categories_ensure`` add what is missing.
CATEGORIES = [
    (
        WISH_ROOT,
        "微心愿",
        "micro_wish",
        {"verifier": "reporter"},
        [("wish_study", "学习用品"), ("wish_goods", "生活物资"), ("wish_company", "陪伴服务")],
    ),
    (
        PROJECT_ROOT,
        "服务项目",
        "task",
        {
            # Places per project unless the staff issuing one give another number.
            "claim_capacity": 10,
            "extra_fields": [
                {
                    "code": HOURS,
                    "datatype": "number",
                    "required": True,
                    "description": "服务时长（小时）",
                    "order": 1,
                }
            ],
        },
        [],
    ),
]


def wish_categories_seed(Category) -> int:
    """Add the wish and project categories missing (by code); returns how many were added. Works with the
    migration's historical model and the real one."""
    from lianxin.core.paths import path_depth
    from lianxin.provision.seeds import STEPLEN, category_next_path

    added = 0

    def add(parent, code, name, kind, options):
        nonlocal added
        found = Category.objects.filter(code=code).first()
        if found is not None:
            return found
        path = category_next_path(Category, parent)
        category = Category.objects.create(
            path=path,
            depth=path_depth(path, STEPLEN),
            numchild=0,
            code=code,
            name=name,
            kind=kind,
            first_level=COMMUNITY,
            **options,
        )
        if parent is not None:
            parent.numchild += 1
            Category.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        added += 1
        return category

    for code, name, kind, options, children in CATEGORIES:
        root = add(None, code, name, kind, options)
        for child_code, child_name in children:
            add(root, child_code, child_name, kind, {"verifier": options.get("verifier", "community")})
    return added


def wish_categories_ensure() -> int:
    """The categories in this database (a flushed test database; the migration seeds new ones)."""
    from lianxin.cases.models import Category

    return wish_categories_seed(Category)


def _root_path(code: str) -> str | None:
    from lianxin.cases.models import Category

    return Category.objects.filter(code=code).values_list("path", flat=True).first()


def is_wish(case) -> bool:
    root = _root_path(WISH_ROOT)
    return bool(root) and case.kind == "micro_wish" and case.category.path.startswith(root)


def is_project(case) -> bool:
    root = _root_path(PROJECT_ROOT)
    return bool(root) and case.kind == "task" and case.category.path.startswith(root)


def project_hours(case) -> Decimal:
    return Decimal(str((case.extra or {}).get(HOURS) or 0))


def has_reported(person_id: int) -> bool:
    """The person has reported to a community: an approved registration, or the post approval gives."""
    from lianxin.people.models import Post
    from lianxin.people.roles import Role
    from lianxin.volunteering.models import RegistrationStatus, VolunteerRegistration

    return (
        VolunteerRegistration.objects.filter(person_id=person_id, status=RegistrationStatus.APPROVED).exists()
        or Post.objects.current().filter(person_id=person_id, role=Role.VOLUNTEER).exists()
    )


def unit_has_reported(organisation_id: int) -> bool:
    """A party organisation covering the organisation has an approved unit registration."""
    from lianxin.volunteering.models import RegistrationStatus, UnitRegistration

    return UnitRegistration.objects.filter(
        status=RegistrationStatus.APPROVED, unit_org__organisations=organisation_id
    ).exists()


def claim_guard(*, user, case, person, organisation) -> str:
    if not (is_wish(case) or is_project(case)):
        return ""
    if person is not None and has_reported(person):
        return ""
    if organisation is not None and unit_has_reported(organisation):
        return ""
    return _("Report to your community first.")


def _live_person_claims(case):
    return case.claims.filter(withdrawn_at__isnull=True, person__isnull=False).select_related("person")


def claimers_pay(*, case, event) -> None:
    """On the close of a confirmed wish or an accepted project, pay the people who claimed it."""
    from lianxin.points.services.ledger import points_award

    if is_wish(case):
        amount, source = settings.LIANXIN_POINTS_PER_WISH, SOURCE_WISH
        reason = _("Micro-wish fulfilled: %(title)s")
    elif is_project(case):
        amount = int((project_hours(case) * settings.LIANXIN_POINTS_PER_HOUR).to_integral_value())
        source = SOURCE_PROJECT
        reason = _("Service project: %(title)s")
    else:
        return
    if amount <= 0:
        return
    reason = reason % {"title": case.description[:60]}
    for claim in _live_person_claims(case):
        key = f"wish:{case.pk}" if source == SOURCE_WISH else f"project:{case.pk}:{claim.person_id}"
        points_award(
            event.actor,
            person=claim.person,
            amount=amount,
            key=key,
            reason=reason,
            source_kind=source,
            source_id=case.pk,
        )


def register() -> None:
    from lianxin.cases.claims import claim_guard_register
    from lianxin.cases.listeners import step_listener_register
    from lianxin.cases.models import Action, Kind
    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.volunteering.permissions import has_person

    # 微心愿 for everyone with a person: residents make wishes, those who have reported claim them.
    nav_register(
        NavItem(
            "wishes",
            gettext_lazy("Micro-wishes"),
            "volunteering:wishes",
            "work",
            "home",
            order=59,
            visible=has_person,
        )
    )
    claim_guard_register(claim_guard, kinds=[Kind.MICRO_WISH, Kind.TASK], name="volunteering.reported")
    # Before the notices (900): a payment the ledger refuses refuses the close, and nobody hears of it.
    step_listener_register(
        claimers_pay,
        steps=[Action.CLOSE],
        kinds=[Kind.MICRO_WISH, Kind.TASK],
        name="volunteering.claimers_pay",
    )
