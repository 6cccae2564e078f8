"""1–5 stars beside the three-level satisfaction: the stars stand for a level (settings.LIANXIN_RATING_STARS),
given alone they set it, given with a level they must agree; they are kept on the event and the case row (and
survive a rebuild) and shown on the case page, while the figures count the levels as before."""

import pytest
from django.conf import settings

from lianxin.cases import services
from lianxin.cases.engine import case_rebuild
from lianxin.cases.figures import case_counts, figures_for_area, period_of
from lianxin.cases.models import Action, CaseEvent, Rating, State
from lianxin.cases.ratings import rating_resolve
from lianxin.cases.tests.pages import handled_stair_light, post_step, text
from lianxin.core.errors_domain import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(cast, places, clock):
    case = handled_stair_light(cast, places)
    services.case_verify(cast.community_secretary, case=case, passed=True)
    return case


@pytest.mark.parametrize(
    ("stars", "level"),
    [
        (5, Rating.SATISFIED),
        (4, Rating.SATISFIED),
        (3, Rating.BASIC),
        (2, Rating.UNSATISFIED),
        (1, Rating.UNSATISFIED),
    ],
)
def test_each_number_of_stars_stands_for_its_level(stars, level):
    assert settings.LIANXIN_RATING_STARS[stars] == level
    assert rating_resolve(stars=stars) == (level, stars)
    assert rating_resolve(rating=level, stars=stars) == (level, stars)


@pytest.mark.parametrize("stars", [0, 6, "x"])
def test_stars_outside_one_to_five_are_refused(stars):
    with pytest.raises(DomainError, match="请给 1 到 5 颗星"):
        rating_resolve(stars=stars)


def test_stars_alone_set_the_level_and_are_kept_on_the_event_and_the_case(cast, verified):
    services.case_rate(cast.resident, case=verified, stars=4)

    verified.refresh_from_db()
    assert (verified.state, verified.rating, verified.rating_stars) == (State.CLOSED, Rating.SATISFIED, 4)
    event = CaseEvent.objects.get(case=verified, action=Action.RATE)
    assert event.data["stars"] == 4 and event.data["rating"] == Rating.SATISFIED


def test_low_stars_reopen_the_case_and_need_a_note(cast, verified):
    with pytest.raises(DomainError, match="请说明不满意的地方"):
        services.case_rate(cast.resident, case=verified, stars=2)

    services.case_rate(cast.resident, case=verified, stars=1, note="灯还是不亮")
    verified.refresh_from_db()
    assert verified.state == State.IN_PROGRESS and verified.rating == Rating.UNSATISFIED


def test_a_level_alone_keeps_working_without_stars(cast, verified):
    services.case_rate(cast.resident, case=verified, rating=Rating.BASIC)

    verified.refresh_from_db()
    assert verified.rating == Rating.BASIC and verified.rating_stars is None
    assert "stars" not in CaseEvent.objects.get(case=verified, action=Action.RATE).data


def test_reopening_clears_the_stars_and_rebuild_keeps_them(cast, verified):
    services.case_rate(cast.resident, case=verified, stars=3)
    rebuilt = case_rebuild(verified)
    assert (rebuilt.rating, rebuilt.rating_stars) == (Rating.BASIC, 3)

    services.case_reopen(cast.resident, case=verified, reason="又坏了")
    verified.refresh_from_db()
    assert verified.rating_stars is None and case_rebuild(verified).rating_stars is None


def test_the_page_takes_stars_refuses_a_disagreement_and_shows_them(client_as, verified):
    client = client_as("resident")
    html = text(client.get(f"/cases/{verified.pk}/"))
    for n in range(1, 6):
        assert f'name="stars" value="{n}"' in html

    refused = post_step(client, verified, "rate", rating=Rating.SATISFIED, stars=2, note="")
    assert refused.status_code == 400 and "2 颗星表示“不满意”" in text(refused)
    verified.refresh_from_db()
    assert verified.state == State.VERIFIED and verified.rating == ""

    post_step(client, verified, "rate", rating=Rating.SATISFIED, stars=5, note="很快")
    verified.refresh_from_db()
    assert (verified.state, verified.rating_stars) == (State.CLOSED, 5)
    html = text(client.get(f"/cases/{verified.pk}/"))
    assert "★★★★★" in html and "5 颗星（满分 5 颗）" in html


def test_the_figures_count_the_levels_whether_or_not_stars_were_given(cast, places, world, clock):
    by_stars, by_level = (handled_stair_light(cast, places) for _ in range(2))
    for case in (by_stars, by_level):
        services.case_verify(cast.community_secretary, case=case, passed=True)
    services.case_rate(cast.resident, case=by_stars, stars=4)
    services.case_rate(cast.resident, case=by_level, rating=Rating.SATISFIED)
    by_stars.refresh_from_db()
    by_level.refresh_from_db()

    assert case_counts(by_stars) == case_counts(by_level)
    period = period_of("week", by_stars.reported_at.date())
    for source in ("rollup", "cases"):
        f = figures_for_area(area=world.county, period=period, source=source)
        assert (f.rated, f.satisfied, f.satisfaction_rate) == (2, 2, 1.0)
