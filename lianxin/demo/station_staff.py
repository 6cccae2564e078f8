"""The station's staff in the demo (issue 21 "Station staff: walk-ins, roster, notices"; scenario 5's 刘丽):
the demo grid worker of 和谐家园 also staffs 和谐家园小区工作站 (a ``place_staff`` post on it, besides her
grid post), so she opens its window, records walk-ins and keeps its roster; she is on duty today at its
window. Runs after the service places (provision.demo_places); does nothing when the station is not there.
Idempotent: the post is added once, the duty once a day.
"""

from datetime import date

from django.utils import timezone

from lianxin.areas.models import Place
from lianxin.people.models import Post, User
from lianxin.people.roles import Role
from lianxin.provision.models import ServiceWindow, WindowDuty

STATION = "和谐家园小区工作站"
SINCE = date(2024, 1, 1)


def station_staff_ensure() -> bool:
    """Returns whether the grid worker is on duty at the station's window today."""
    station = Place.objects.filter(name=STATION).order_by("id").first()
    user = User.objects.filter(username="grid_worker").select_related("person").first()
    if station is None or user is None or not user.person_id:
        return False
    if not Post.objects.filter(person=user.person, place=station).exists():
        Post.objects.create(
            person=user.person,
            role=Role.PLACE_STAFF,
            place=station,
            area_path=station.area_path,
            start_date=SINCE,
            duties="到站办事、值班、材料告知",
        )
    window = ServiceWindow.objects.filter(place=station, is_active=True).order_by("id").first()
    if window is None:
        return False
    WindowDuty.objects.get_or_create(
        window=window, date=timezone.localdate(), person=user.person, defaults={"created_by": user}
    )
    return True
