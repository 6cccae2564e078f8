"""The titles awarded to a building or area (文明示范楼栋, P000-38) as a section of its area page
(``areas.sections``)."""

from django.template.loader import render_to_string


def area_honours_section(*, user, area) -> str:
    from lianxin.assessment.selectors.standards import area_honours

    if not user.is_authenticated:
        return ""
    honours = list(area_honours(user=user, area=area)[:20])
    if not honours:
        return ""
    return render_to_string("assessment/standards/_area_honours.html", {"honours": honours, "area": area})
