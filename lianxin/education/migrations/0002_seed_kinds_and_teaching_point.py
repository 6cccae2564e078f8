"""Seed the education session kinds (P002-41, P002-52) and the place designation 现场教学点 (P002-50)."""

from django.db import migrations

KINDS = [
    ("party_checkup", "党性体检", False),
    ("red_film", "红色电影", False),
    ("lecture", "宣讲", False),
    ("theme_day", "主题党日", False),
    ("onsite_teaching", "党员现场教学", False),
    ("knowledge_test", "发展党员知识测试", True),
    ("deputies_week", "党代表活动周", False),
    ("new_employment_month", "暖新服务月", False),
    ("red_salon", "红色沙龙", False),
    ("rotation_training", "党员轮训", False),
]


def seed(apps, schema_editor):
    SessionKind = apps.get_model("education", "SessionKind")
    for order, (code, name, scored) in enumerate(KINDS, start=1):
        SessionKind.objects.get_or_create(code=code, defaults={"name": name, "scored": scored, "order": order * 10})
    PlaceDesignation = apps.get_model("areas", "PlaceDesignation")
    if not PlaceDesignation.objects.filter(code="teaching_point").exists():
        PlaceDesignation.objects.get_or_create(name="现场教学点", defaults={"code": "teaching_point"})


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0001_education"),
        ("areas", "0011_activity_kinds_issue22"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
