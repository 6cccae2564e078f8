"""Fewer index writes per report (docs/cases.md, "Speed").

- The event's case and actor foreign keys lose their own indexes: the unique (case, seq) and (actor,
  idempotency_key) indexes lead with them.
- The roll-up's category foreign key loses its index: the figures find rows by place and day.
- The case's department, company and first-receiver indexes become partial (NOT NULL): most cases have
  none, and a report then writes nothing to them.

A plain AlterField would make SQLite copy the whole table (millions of events, and the copy would drop the
events' immutability triggers) to drop one index; the indexes are dropped by name on either backend and
the field changes are only recorded in the state.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

from lianxin.core.schema import field_indexes_drop

UNINDEXED = [("CaseEvent", "case"), ("CaseEvent", "actor"), ("CaseRollup", "category")]


def _fk(**kwargs):
    return models.ForeignKey(db_index=False, **kwargs)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_case_category_fk_unindexed"),
        ("people", "0010_staff_category_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[field_indexes_drop("cases", UNINDEXED)],
            state_operations=[
                migrations.AlterField(
                    model_name="caseevent",
                    name="actor",
                    field=_fk(
                        blank=True,
                        null=True,
                        on_delete=models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseevent",
                    name="case",
                    field=_fk(on_delete=models.deletion.PROTECT, related_name="events", to="cases.case"),
                ),
                migrations.AlterField(
                    model_name="caserollup",
                    name="category",
                    field=_fk(on_delete=models.deletion.CASCADE, related_name="+", to="cases.category"),
                ),
            ],
        ),
        migrations.RemoveIndex(model_name="case", name="case_handler_dept_state"),
        migrations.RemoveIndex(model_name="case", name="case_handler_org_state"),
        migrations.RemoveIndex(model_name="case", name="case_first_receiver_state"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=Q(handler_department__isnull=False),
                fields=["handler_department", "state"],
                name="case_handler_dept_state",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=Q(handler_organisation__isnull=False),
                fields=["handler_organisation", "state"],
                name="case_handler_org_state",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=Q(first_receiver__isnull=False),
                fields=["first_receiver", "state"],
                name="case_first_receiver_state",
            ),
        ),
    ]
