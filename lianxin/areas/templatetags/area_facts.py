"""The area page's yearly facts, read where the page shows them (the page's view stays as it is)."""

from django import template

from lianxin.areas.dated_facts import area_facts_latest, fact_recorder

register = template.Library()


@register.simple_tag(takes_context=True)
def area_dated_facts(context, area) -> dict:
    """Each fact's latest year for the area, and whether the user may record facts of it."""
    user = context["request"].user
    return {"latest": area_facts_latest(area=area), "may_record": fact_recorder(user=user, area=area)}
