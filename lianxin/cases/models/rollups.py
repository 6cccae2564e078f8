"""The figures' roll-up: daily counts per (area at every level of the tree, report day, category, kind).

One row holds, for the cases *reported* on that local day under that area (the area itself or anything
below it) of that category and kind, how many of them are in each figure's count right now. A case's flags
change after its report day (it is closed, rated, reopened …), so its rows are those of its report day,
adjusted by the difference each step makes (``lianxin.cases.figures.rollup_apply``, in the step's own
transaction). ``manage.py rollups_rebuild`` recomputes the table from the case rows, which the engine
derives from the events.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The counts of a row, in the order the roll-up writes them. Each is a number of cases except the two
# ``*_seconds`` sums (whole seconds between the report and the response / the close).
COUNTS = [
    "reported",
    "responded",
    "response_on_time",
    "response_late",
    "response_seconds",
    "rejected",
    "merged",
    "closed",
    "closed_on_time",
    "one_pass",
    "in_building",
    "in_estate",
    "handling_seconds",
    "rated",
    "satisfied",
    "rated_auto",
    "satisfied_auto",
    "reopened",
    "returned",
]


class CaseRollup(models.Model):
    # The path of the area this row counts for: every ancestor of a case's place has its own row, so the
    # figures of any area are read from its own rows alone (no prefix scan over its subtree).
    area_path = models.CharField(max_length=255)
    day = models.DateField(_("report day"))
    # No index of its own: the figures find rows by place and day, and every report pays for each index
    # on each of its place's levels (a category is retired, not deleted, once it has cases).
    category = models.ForeignKey("cases.Category", on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.CharField(_("kind"), max_length=16)

    reported = models.IntegerField(default=0)
    responded = models.IntegerField(default=0)
    response_on_time = models.IntegerField(default=0)
    response_late = models.IntegerField(default=0)
    response_seconds = models.BigIntegerField(default=0)
    rejected = models.IntegerField(default=0)
    merged = models.IntegerField(default=0)
    closed = models.IntegerField(default=0)
    closed_on_time = models.IntegerField(default=0)
    one_pass = models.IntegerField(default=0)
    in_building = models.IntegerField(default=0)
    in_estate = models.IntegerField(default=0)
    handling_seconds = models.BigIntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    rated_auto = models.IntegerField(default=0)
    satisfied_auto = models.IntegerField(default=0)
    reopened = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("daily case counts")
        verbose_name_plural = _("daily case counts")
        constraints = [
            models.UniqueConstraint(
                fields=["area_path", "day", "category", "kind"], name="case_rollup_unique"
            )
        ]

    def __str__(self):
        return f"{self.area_path} {self.day} {self.category_id} {self.kind}"
