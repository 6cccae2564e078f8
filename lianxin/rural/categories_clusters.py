"""The task category of cluster tasks (片区任务, P000-08): a root category of kind ``task``, which the joint
committee's tasks are issued under through ``supervision.services.tasks.task_issue``. Tasks are not
residents' cases (``Kind.TASK`` stays out of the residents' figures). Seeded by the rural migration
``0005_clusters_task_category`` and, for a flushed test database, by ``cluster_category_ensure``."""

CODE = "task_cluster"
NAME = "片区任务"
COUNTY = 60  # cases.HandlingLevel.COUNTY, as the supervision task categories


def cluster_category_seed(Category) -> bool:
    """Add the category when missing (works with the migration's historical model and the real one)."""
    from lianxin.provision.seeds import category_next_path

    if Category.objects.filter(code=CODE).exists():
        return False
    Category.objects.create(
        path=category_next_path(Category, None),
        depth=1,
        numchild=0,
        code=CODE,
        name=NAME,
        kind="task",
        first_level=COUNTY,
        is_public=False,
        verifier="community",
    )
    return True


def cluster_category_ensure() -> bool:
    from lianxin.cases.models import Category

    return cluster_category_seed(Category)
