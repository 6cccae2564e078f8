"""The task categories every decision, key task, letter, finding, measure, rectification and project
problem is filed under (issue 22): five headings, the seed's 抓党建、抓治理、抓服务 and the two a
street may not be given, 招商引资 and 协税护税 (P004-03: ``LIANXIN_STREET_BANNED_TASK_CATEGORIES``).

Each heading has the same children, so a list can be counted by heading and by the kind of task. The
names are Chinese data, as every category's are; seeded by migration 0001 and ``task_categories_ensure``.
"""

TASK = "task"  # cases.Kind.TASK
COUNTY = 60  # cases.HandlingLevel.COUNTY: tasks are issued from above; the issuer accepts them (Kind.TASK)

ROOTS = [
    ("task_party", "抓党建"),
    ("task_governance", "抓治理"),
    ("task_service", "抓服务"),
    ("task_investment", "招商引资"),
    ("task_tax", "协税护税"),
]
# (suffix, name): task_party_key is 抓党建 › 重点任务.
CHILDREN = [
    ("key", "重点任务"),
    ("decision", "会议决定事项"),
    ("assignment", "交办事项"),
    ("rectification", "整改事项"),
    ("problem", "项目推进问题"),
]


def task_category_code(root: str, child: str) -> str:
    return f"{root}_{child}"


def task_categories_seed(Category) -> int:
    """Add the task categories missing (by code); returns how many were added. Works with the migration's
    historical model and the real one."""
    from lianxin.core.paths import path_depth
    from lianxin.provision.seeds import STEPLEN, category_next_path

    added = 0

    def add(parent, code, name):
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
            kind=TASK,
            first_level=COUNTY,
            is_public=False,
            verifier="community",
        )
        if parent is not None:
            parent.numchild += 1
            Category.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        added += 1
        return category

    for code, name in ROOTS:
        root = add(None, code, name)
        for suffix, child_name in CHILDREN:
            add(root, task_category_code(code, suffix), child_name)
    return added


def task_categories_ensure() -> int:
    """The categories in this database (a flushed test database; the migration seeds new ones)."""
    from lianxin.cases.models import Category

    return task_categories_seed(Category)
