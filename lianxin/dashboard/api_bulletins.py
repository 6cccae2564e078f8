"""/api/v1/bulletins/: the bulletins of the user's dashboard areas with their figures (numbered issues
with their ranking), and the numbered series with their next number."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from lianxin.core.api_types import ObjectId
from lianxin.dashboard.bulletin_series import series_for_user
from lianxin.dashboard.bulletins import bulletin_get_for_user
from lianxin.dashboard.models import Bulletin

router = Router(tags=[_("Bulletins")])


class BulletinOut(Schema):
    id: int
    title: str
    area_id: int
    week_start: date
    week_end: date
    series_id: int | None
    number: int | None
    figures: dict
    download_url: str


def _out(b: Bulletin) -> dict:
    from django.urls import reverse

    return {
        "id": b.pk,
        "title": b.title,
        "area_id": b.area_id,
        "week_start": b.week_start,
        "week_end": b.week_end,
        "series_id": b.series_id,
        "number": b.number,
        "figures": b.summary or {},
        "download_url": reverse("dashboard:bulletin_download", args=[b.pk]),
    }


class SeriesOut(Schema):
    id: int
    title: str
    area_id: int
    rrule: str
    ranking: str
    next_number: int
    next_on: date | None
    issued: int


class BulletinPage(Schema):
    count: int
    items: list[BulletinOut]
    series: list[SeriesOut]


@router.get("/", response=BulletinPage, summary=_("Bulletins and numbered series"))
def bulletins(request):
    from lianxin.core.scope import under
    from lianxin.dashboard.selectors import dashboard_roots

    roots = list(dashboard_roots(user=request.user))
    qs = Bulletin.objects.none()
    for root in roots:
        qs = qs | Bulletin.objects.filter(under("area_path", root.path))
    rows = list(qs.order_by("-week_start", "-created_at", "-pk")[:200])
    series = series_for_user(request.user)
    return {
        "count": len(rows),
        "items": [_out(b) for b in rows],
        "series": [
            {
                "id": s.pk,
                "title": s.title,
                "area_id": s.area_id,
                "rrule": s.rrule,
                "ranking": s.ranking,
                "next_number": s.next_number,
                "next_on": s.next_on,
                "issued": s.bulletins.count(),
            }
            for s in series
        ],
    }


@router.get("/{bulletin_id}", response=BulletinOut, summary=_("A bulletin with its figures"))
def bulletin(request, bulletin_id: ObjectId):
    return _out(bulletin_get_for_user(user=request.user, pk=bulletin_id))
