"""The scoring part on the workbench: the review sessions a seated reviewer still has reports to score in,
and, for a property company's staff, his company's current results (with the 整改/退出 flag)."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register


def scoring_panel(*, user) -> dict | None:
    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return None
    from lianxin.assessment.models import ReviewReport, ReviewScore, ReviewSession
    from lianxin.assessment.selectors.scoring import results_for
    from lianxin.assessment.views.scoring import PROPERTY_STAFF, _roles

    sessions = []
    for session in ReviewSession.objects.filter(reviewers=user.person_id).order_by("-held_on")[:20]:
        reports = ReviewReport.objects.filter(session=session).count()
        scored = ReviewScore.objects.filter(report__session=session, reviewer_id=user.person_id)
        left = reports - scored.values("report_id").distinct().count()
        if left:
            sessions.append({"session": session, "left": left})
    results = []
    if PROPERTY_STAFF in _roles(user):
        results = list(results_for(user=user).filter(subject_organisation__isnull=False)[:5])
    if not sessions and not results:
        return None
    return {"sessions": sessions, "results": results}


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel(
            "assessment_scoring", "assessment/scoring/_workbench.html", scoring_panel, order=70, region="grid"
        )
    )
