"""The land part's reads: collective income, income tiers, land figures (issue 23)."""

from decimal import Decimal

from lianxin.rural.models import CollectiveIncome


def collective_income_total(*, village, year: int) -> Decimal | None:
    """The village's recorded collective income (the five sources' sum) in ``year``; None when not recorded.
    Not restricted to a user: the caller (coops' rewards) has already checked the village is in scope."""
    row = CollectiveIncome.objects.filter(area=village, year=year).values_list("total", flat=True).first()
    return row
