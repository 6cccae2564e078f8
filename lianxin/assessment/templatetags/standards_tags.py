"""``{% load standards_tags %}{% area_honours area %}``: the titles awarded to a building (文明示范楼栋,
P000-38), shown on its area page (areas/area_detail.html includes it)."""

from django import template

register = template.Library()


@register.inclusion_tag("assessment/standards/_area_honours.html", takes_context=True)
def area_honours(context, area):
    from lianxin.assessment.selectors.standards import area_honours as honours

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"honours": [], "area": area}
    return {"honours": list(honours(user=user, area=area)[:20]), "area": area}
