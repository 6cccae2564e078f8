"""The standards part's routes in the authorization matrix.

Pages: the staff of a level, the organisation department and the reviewers read them (``READER_ROLES``); the
checklist page also the unit contact of an organ branch. An object outside one's scope (or missing) is a 404;
the board of a sector committee is a 404 for anyone outside that sector. APIs: lists answer everyone with
what his scope holds (often nothing)."""

from lianxin.assessment.standards_rights import CHECKLIST_ROLES, READER_ROLES
from lianxin.core.access import ANYONE, Rule, capable, everyone, holding

READERS = holding(*READER_ROLES)
CHECKLIST_READERS = holding(*CHECKLIST_ROLES)
_TESTS = "lianxin/assessment/tests/test_standards_*.py (JSON body)"


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS: dict = {
    "assessment/stars/": Rule(allowed=READERS),
    "assessment/stars/export/": Rule(allowed=READERS),
    "assessment/stars/org/<int:pk>/": Rule(scoped=READERS, kwargs=_missing("pk")),
    "assessment/standards-config/": Rule(allowed=capable("standards.configure")),
    "assessment/member-stars/": Rule(allowed=READERS),
    "assessment/member-stars/export/": Rule(allowed=READERS),
    "assessment/weak-orgs/": Rule(allowed=READERS),
    "assessment/weak-orgs/export/": Rule(allowed=READERS),
    "assessment/weak-orgs/<int:pk>/": Rule(scoped=READERS, kwargs=_missing("pk")),
    "assessment/weak-orgs/<int:pk>/remove/": Rule(scoped=ANYONE, kwargs=_missing("pk"), method="POST"),
    "assessment/checklists/": Rule(allowed=CHECKLIST_READERS),
    "assessment/checklists/export/": Rule(allowed=CHECKLIST_READERS),
    "assessment/honours/": Rule(allowed=READERS),
    "assessment/honours/export/": Rule(allowed=READERS),
    "assessment/brands/": Rule(allowed=READERS),
    "assessment/brands/export/": Rule(allowed=READERS),
    "assessment/campaigns/": Rule(allowed=READERS),
    "assessment/campaigns/<int:pk>/": Rule(scoped=READERS, kwargs=_missing("pk")),
    "assessment/campaigns/<int:pk>/export/": Rule(scoped=READERS, kwargs=_missing("pk")),
    "assessment/shared-practices/": everyone(),
    "assessment/shared-practices/<int:pk>/": Rule(scoped=ANYONE, kwargs=_missing("pk")),
    "api/v1/star-ratings/": everyone(),
    "api/v1/star-ratings/criteria": everyone(),
    "api/v1/star-ratings/<rating_id>": Rule(scoped=ANYONE, kwargs=_missing("rating_id")),
    "api/v1/member-stars/": everyone(),
    "api/v1/member-stars/credit-rules": everyone(),
    "api/v1/member-stars/credit-events": Rule(skip=_TESTS),
    "api/v1/weak-orgs/": everyone(),
    "api/v1/weak-orgs/<flag_id>": Rule(scoped=ANYONE, kwargs=_missing("flag_id")),
    "api/v1/weak-orgs/<flag_id>/items": Rule(skip=_TESTS),
    "api/v1/weak-orgs/<flag_id>/accept": Rule(skip=_TESTS),
    "api/v1/checklists/": everyone(),
    "api/v1/checklists/<template_id>/progress": Rule(scoped=ANYONE, kwargs=_missing("template_id")),
    "api/v1/checklists/<template_id>/ticks": Rule(skip=_TESTS),
    "api/v1/honours/": everyone(),
    "api/v1/party-brands/": everyone(),
    "api/v1/party-brands/<brand_id>/status": Rule(skip=_TESTS),
    "api/v1/campaigns/": everyone(),
    "api/v1/campaigns/<campaign_id>": Rule(scoped=ANYONE, kwargs=_missing("campaign_id")),
    "api/v1/campaigns/<campaign_id>/nominations": Rule(skip=_TESTS),
    "api/v1/campaigns/<campaign_id>/nominations/<nomination_id>/decide": Rule(skip=_TESTS),
    "api/v1/shared-practices/": everyone(),
    "api/v1/shared-practices/<committee_id>": Rule(scoped=ANYONE, kwargs=_missing("committee_id")),
}
