"""Issuing a task: the one way every app of issue 22 turns a decision, key task, letter, finding, measure,
rectification or project problem into a tracked ``Case(kind=task)``.

A task is an ordinary case of a task category (``supervision.categories``): the engine routes it to
the handler named, keeps its working-day deadline, marks it overdue, lets the handler take (签收) and
handle (反馈) it and the issuer accept it (验收), reopen it (跟踪问效) or supervise it (督办). Apps
keep only their own link to the case (a ``case`` foreign key on the decision, key task, letter …);
nothing here changes the engine.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases.clock import now as clock_now
from lianxin.cases.models import Category
from lianxin.cases.services import case_report
from lianxin.cases.worktime import days_to_hours, working_add
from lianxin.core.errors_domain import DomainError
from lianxin.supervision.categories import ROOTS


def task_category(code: str) -> Category:
    category = Category.objects.filter(code=code, kind="task", is_active=True).first()
    if category is None:
        raise DomainError(_("Choose a task category."), field="category")
    return category


def task_category_root(category: Category) -> str:
    """The heading's code (task_party, task_investment …) a task category lies under."""
    if category.depth == 1:
        return category.code
    root = (
        Category.objects.filter(path=category.path[: Category.steplen]).values_list("code", flat=True).first()
    )
    return root or category.code


def street_ban_check(*, category: Category, area: Area) -> None:
    """P004-03: a street is given tasks and indicators only under 抓党建, 抓治理 and 抓服务."""
    if (
        area.level == Level.STREET
        and task_category_root(category) in settings.LIANXIN_STREET_BANNED_TASK_CATEGORIES
    ):
        raise DomainError(
            _("Streets do not take investment-attraction or tax-assistance tasks."), field="category"
        )


def task_due(
    *, working_days=None, due: datetime | None = None, start: datetime | None = None
) -> datetime | None:
    """The deadline: a moment given, or so many working days from now (the working calendar's)."""
    if due is not None:
        return due
    if working_days in (None, ""):
        return None
    try:
        days = float(working_days)
    except (TypeError, ValueError):
        raise DomainError(
            _("Give the time limit as a number of working days."), field="working_days"
        ) from None
    if days <= 0 or days > 365:
        raise DomainError(_("Give the time limit as a number of working days."), field="working_days")
    return working_add(start or clock_now(), days_to_hours(days))


@transaction.atomic
def task_issue(
    actor,
    *,
    category: Category | str,
    area: Area,
    title: str,
    description: str = "",
    handler: dict | None = None,
    working_days=None,
    due: datetime | None = None,
    related_case=None,
    idempotency_key: str = "",
):
    """Issue a task to ``handler`` (``{"person"|"department"|"organisation"|"party_org": obj}``; none: the
    area's pool) at ``area``, due in ``working_days`` working days or at ``due``. The record it comes
    from keeps the case (its own foreign key). Refuses a street the banned categories (P004-03)."""
    if isinstance(category, str):
        category = task_category(category)
    if category.kind != "task":
        raise DomainError(_("Choose a task category."), field="category")
    street_ban_check(category=category, area=area)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the task a title."), field="title")
    return case_report(
        actor,
        category=category,
        area=area,
        title=title[:100],
        description=description.strip() or title,
        handler=handler,
        handle_due=task_due(working_days=working_days, due=due),
        related_case=related_case,
        idempotency_key=idempotency_key,
    )


TASK_HEADINGS = dict(ROOTS)


def task_route(*, actor, category, area, extra):
    """The intake router for tasks issued with no handler named: the pool of the level they are issued at
    (a key task led by a street waits in the street's pool for its staff to take, 签收), not the category
    tree's first level (the county's, where every task category starts)."""
    from lianxin.cases.routing import Target, level_of

    # Only this app's task categories (task_party, task_party_key …): another app's task category keeps the
    # routing its own first level gives it.
    if category.kind != "task" or not any(
        category.code == root or category.code.startswith(f"{root}_") for root, _name in ROOTS
    ):
        return None
    return Target(level_of(area), area)
