"""The scoring pages in the shell's navigation, each visible to exactly those its view lets in."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register


def register() -> None:
    from lianxin.assessment.views import scoring as views

    items = [
        (NavItem("assessment_schemes", _("Assessment schemes"), "assessment:schemes", "work", "clipboard"),
         views.sees_scoring),
        (NavItem("assessment_results", _("Assessment results"), "assessment:results", "work", "list"),
         views.sees_results),
        (NavItem("assessment_fees", _("Property fees"), "assessment:fees", "work", "list"), views.sees_fees),
        (NavItem("assessment_five_haves", _("Five haves"), "assessment:five_haves", "work", "clipboard"),
         views.sees_scoring),
        (NavItem("assessment_reviews", _("Report and review"), "assessment:reviews", "work", "users"),
         views.sees_scoring),
        (NavItem("assessment_survey", _("Satisfaction survey"), "assessment:survey", "work", "star"),
         views.answers_surveys),
    ]  # fmt: skip
    for n, (item, visible) in enumerate(items):
        nav_register(replace(item, order=85 + n, visible=visible))
