"""Seed the meeting kinds of the practices (lianxin.deliberation.seeds)."""

from django.db import migrations


def seed(apps, schema_editor):
    from lianxin.deliberation.seeds import meeting_kinds_ensure

    meeting_kinds_ensure(apps.get_model("deliberation", "MeetingKind"))


class Migration(migrations.Migration):
    dependencies = [("deliberation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
