"""The demo's household visits (P000-31): logged through the visit service by the demo workers in their own
scope, a 调解 opening a dispute case and a 帮办 a case its visitor handles; a rerun adds nothing and leaves
what a user changed."""

import pytest

from lianxin.areas.models import Household
from lianxin.cases.models import Case, Kind, Visit, VisitKind
from lianxin.demo.visits import VISITORS, demo_visits_load

pytestmark = pytest.mark.django_db


def test_the_demo_workers_log_visits_of_the_four_kinds_in_their_own_scope(cast, clock):
    logged = demo_visits_load()

    visits = Visit.objects.select_related("visitor", "case", "household")
    assert logged == visits.count() == sum(VISITORS.values())
    assert {v.kind for v in visits} == {
        VisitKind.CHAT,
        VisitKind.CALL_ROUND,
        VisitKind.MEDIATION,
        VisitKind.ERRAND,
    }
    for visit in visits:
        user = getattr(cast, next(u for u in VISITORS if getattr(cast, u).person_id == visit.visitor_id))
        assert Household.objects.restrict(user).filter(pk=visit.household_id).exists()
        if visit.kind == VisitKind.MEDIATION:
            assert visit.case.kind == Kind.DISPUTE
        if visit.kind == VisitKind.ERRAND:
            assert visit.case.handler_person_id == visit.visitor_id
        if visit.kind in (VisitKind.CHAT, VisitKind.CALL_ROUND):
            assert visit.case is None
        else:
            assert visit.case.reported_at == visit.at  # the case is reported at the visit


def test_a_rerun_adds_nothing_and_keeps_what_a_user_changed(cast, clock):
    demo_visits_load()
    visit = Visit.objects.order_by("id").first()
    Visit.objects.filter(pk=visit.pk).update(note="用户改过的记录")
    cases = Case.objects.count()

    assert demo_visits_load() == sum(VISITORS.values())
    assert Visit.objects.count() == sum(VISITORS.values()) and Case.objects.count() == cases
    visit.refresh_from_db()
    assert visit.note == "用户改过的记录"
