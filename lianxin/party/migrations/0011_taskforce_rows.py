from django.db import migrations

# A frozen copy of lianxin/party/models/orgs.py TASK_FORCES (the five lines of a joint committee's "1+5").
TASK_FORCES = [
    ("large_scale_farming", "规模农业"),
    ("high_efficiency_farming", "高效农业"),
    ("specialty_industry", "特色产业"),
    ("returnee_entrepreneurship", "返乡创业"),
    ("public_services", "公共服务"),
]


def load(apps, schema_editor):
    TaskForce = apps.get_model("party", "TaskForce")
    PartyOrg = apps.get_model("party", "PartyOrg")
    for order, (code, name) in enumerate(TASK_FORCES, start=1):
        force, _created = TaskForce.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        # Task forces set up before the lines were rows are named after them ("规模农业专班").
        PartyOrg.objects.filter(kind="task_force", task_force__isnull=True, name__startswith=name).update(
            task_force=force
        )


class Migration(migrations.Migration):
    dependencies = [("party", "0010_taskforce_partyorg_task_force")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
