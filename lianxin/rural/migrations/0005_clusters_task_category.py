"""Seed the cluster-task category 片区任务 (lianxin.rural.categories_clusters)."""

from django.db import migrations


def seed(apps, schema_editor):
    from lianxin.rural.categories_clusters import cluster_category_seed

    cluster_category_seed(apps.get_model("cases", "Category"))


class Migration(migrations.Migration):
    dependencies = [
        ("rural", "0004_clusters_models"),
        ("supervision", "0001_task_categories"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
