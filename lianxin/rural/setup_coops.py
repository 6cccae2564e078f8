"""What the coops part registers from AppConfig.ready(): its rights, audited models, the evidence folder,
menus, the county's live panel 合作社, the assessment indicator function for cooperatives (P002-73) and the
import kind of financial summaries (P002-76).

Rights (docs/rural/coops.md):
- ``rural.coop_keep``: register cooperatives, set status and disposition, rewards, stakes, conversions:
  the secretaries and committee members of the village or above, and the organisation department.
- ``rural.coop_evidence``: evidence of the 12 standards: the same, and the cooperative's chair.
- ``rural.coop_month``: monthly jobs and wages: the cooperative's chair (理事长) only.
- ``rural.coop_score``: evaluation scores: the organisation department and the county departments' staff
  (the service accepts only 财政局 ``caizheng`` and 农业农村局 ``nongye``).
- ``rural.coop_award``: evaluation rounds and awards; ``rural.coop_standards``: the standards' wording: the
  organisation department.
"""

from django.utils.translation import gettext_lazy as _

KEEPERS = ("secretary", "deputy_secretary", "committee_member", "org_admin")


def ready() -> None:
    from lianxin.audit.registry import audit_register
    from lianxin.core.rights import capability_register
    from lianxin.core.uploads import upload_access_register
    from lianxin.rural import models
    from lianxin.rural.permissions import COOPERATIVE_CHAIR
    from lianxin.rural.services import coops as svc

    capability_register(svc.COOP_KEEP, roles=KEEPERS, label=_("keep the cooperatives' records"))
    capability_register(
        svc.COOP_EVIDENCE, roles=(*KEEPERS, COOPERATIVE_CHAIR), label=_("evidence a cooperative's standards")
    )
    capability_register(svc.COOP_MONTH, roles=(COOPERATIVE_CHAIR,), label=_("enter a cooperative's months"))
    capability_register(
        svc.COOP_SCORE,
        roles=("org_admin", "department_staff"),
        label=_("score cooperatives in an evaluation"),
    )
    capability_register(svc.COOP_AWARD, roles=("org_admin",), label=_("award cooperatives"))
    capability_register(svc.COOP_STANDARDS, roles=("org_admin",), label=_("word the cooperative standards"))
    for model in models.COOPS_AUDITED:
        audit_register(model)
    upload_access_register(svc.EVIDENCE_FOLDER, _evidence_visible)
    _navigation()
    _workbench()
    _indicator()
    from lianxin.rural import imports_coops

    imports_coops.register()


def _evidence_visible(user, name: str) -> bool:
    from lianxin.rural.models import StandardCheck

    return StandardCheck.objects.restrict(user).filter(evidence_file=name).exists()


def _navigation() -> None:
    from dataclasses import replace

    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.rural.views import coops as views

    nav_register(
        replace(
            NavItem("rural_cooperatives", _("Cooperatives"), "rural:cooperatives", "work", "list", order=230),
            visible=views.sees_cooperatives,
        )
    )
    nav_register(
        replace(
            NavItem(
                "rural_awards", _("Cooperative evaluation"), "rural:awards", "work", "clipboard", order=231
            ),
            visible=views.sees_evaluations,
        )
    )


def coops_panel(*, user):
    """The county's live panel 合作社 (county_admin, the organisation department): counts by status, the
    share running to standard, shells disposed, awards."""
    from lianxin.rural.selectors.coops import coop_figures, coop_rows, cooperatives_for
    from lianxin.rural.views.coops import sees_county

    if not sees_county(user):
        return None
    figures = coop_figures(coop_rows(cooperatives_for(user=user)))
    return {"figures": figures}


def _workbench() -> None:
    from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register

    workbench_panel_register(
        WorkbenchPanel(
            "rural_cooperatives", "rural/coops/_workbench.html", coops_panel, order=62, region="grid"
        )
    )


def _indicator() -> None:
    from lianxin.assessment.scoring_functions import indicator_function_register

    indicator_function_register(
        "cooperative_standards", cooperative_standards, _("Cooperatives' compliance with the 12 standards")
    )


def cooperative_standards(*, scheme, subject):
    """P002-73: the subject's cooperatives' compliance with the 12 standards, × 100 (standards evidenced
    over 12 × cooperatives). Whose cooperatives: a cooperative itself; a person's (the cooperatives of the
    villages where he is the party secretary, or that he chairs); else the subject's area or the scheme's."""
    from django.db.models import Q

    from lianxin.assessment.scoring_functions import FunctionValue
    from lianxin.core.paths import under
    from lianxin.people.models import Post
    from lianxin.rural.models import Cooperative, StandardCheck
    from lianxin.rural.permissions import COOPERATIVE_CHAIR
    from lianxin.rural.services.coops import STANDARD_COUNT

    coops = Cooperative.objects.filter(disposition="")
    if subject.organisation is not None:
        coops = coops.filter(organisation=subject.organisation)
    elif subject.person is not None:
        posts = Post.objects.current(scheme.period_end).filter(person=subject.person)
        villages = posts.filter(role="secretary").values_list("area_id", "party_org__area_id")
        village_ids = {v for pair in villages for v in pair if v}
        chaired = posts.filter(role=COOPERATIVE_CHAIR).values_list("organisation_id", flat=True)
        coops = coops.filter(Q(village_id__in=village_ids) | Q(organisation_id__in=list(chaired)))
    else:
        coops = coops.filter(under("area_path", (subject.area.path if subject.area else scheme.area_path)))
    ids = list(coops.values_list("pk", flat=True))
    if not ids:
        return FunctionValue(None, {"cooperatives": 0})
    met = StandardCheck.objects.filter(cooperative_id__in=ids).count()
    standard = coops.filter(status="standard").count()
    value = round(met * 100 / (STANDARD_COUNT * len(ids)), 2)
    return FunctionValue(
        value, {"cooperatives": len(ids), "standards_met": met, "running_to_standard": standard}
    )
