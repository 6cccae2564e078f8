"""Seed the default category tree and devolved matters (lianxin.cases.seeds). Paths are computed here
because migrations see historical models, which lack treebeard's methods."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 3


def _step(n: int) -> str:
    digits = ""
    while True:
        n, r = divmod(n, len(ALPHABET))
        digits = ALPHABET[r] + digits
        if n == 0:
            break
    return digits.rjust(STEPLEN, "0")


def seed(apps, schema_editor):
    from lianxin.cases.seeds import CATEGORIES, DEVOLVED_MATTERS

    Category = apps.get_model("cases", "Category")
    DevolvedMatter = apps.get_model("cases", "DevolvedMatter")
    if Category.objects.exists():
        return
    matters = {}
    for name, basis, flow, office in DEVOLVED_MATTERS:
        matters[name] = DevolvedMatter.objects.create(
            name=name, legal_basis=basis, flow=flow, handler_department_code=office
        )

    def add(nodes, parent_path, depth):
        for index, (code, name, options, children) in enumerate(nodes, start=1):
            options = dict(options)
            devolved = options.pop("devolved", None)
            path = parent_path + _step(index)
            Category.objects.create(
                path=path,
                depth=depth,
                numchild=len(children),
                code=code,
                name=name,
                devolved_matter=matters.get(devolved),
                **options,
            )
            add(children, path, depth + 1)

    add(CATEGORIES, "", 1)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_case_events_immutable")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
