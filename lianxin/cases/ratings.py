"""Stars beside the three-level satisfaction: a reporter may rate with 1–5 stars; the stars stand for one of
the three levels (``settings.LIANXIN_RATING_STARS``), which is what closes or reopens the case and what the
figures count."""

from django.conf import settings
from django.utils.translation import gettext as _

from lianxin.cases.models.enums import Rating
from lianxin.core.errors_domain import DomainError

STARS = range(1, 6)


def stars_level(stars: int) -> str:
    """The satisfaction level these stars stand for."""
    return settings.LIANXIN_RATING_STARS[stars]


def rating_resolve(*, rating: str = "", stars: int | None = None) -> tuple[str, int | None]:
    """The level and stars of a rating given as a level, as stars, or as both (which must agree)."""
    rating = rating or ""
    if stars in ("", None):
        stars = None
    else:
        try:
            stars = int(stars)
        except (TypeError, ValueError):
            stars = 0
        if stars not in STARS:
            raise DomainError(_("Give from 1 to 5 stars."), field="stars")
    if stars is None:
        return rating, None
    level = stars_level(stars)
    if rating and rating != level:
        raise DomainError(
            _("%(stars)s stars mean “%(level)s”; choose stars and a satisfaction level that agree.")
            % {"stars": stars, "level": Rating(level).label},
            field="stars",
        )
    return level, stars
