"""The dashboard's demo rows for the numbered bulletins (idempotent): the county's 《中小城市党建通报》
series, numbered from 第7期, with two issues ranking the streets on the demo key tasks (supervision's
demo_tasks). Called by load_demo after the supervision app's demo."""

from datetime import timedelta

from django.utils import timezone

SERIES = "中小城市党建通报"


def demo_load() -> list[str]:
    from lianxin.areas.models import Area, Level
    from lianxin.dashboard.bulletin_series import series_create, series_issue
    from lianxin.dashboard.models import BulletinSeries
    from lianxin.people.models import User

    county = Area.objects.filter(level=Level.COUNTY, retired_on__isnull=True).order_by("path").first()
    admin = User.objects.filter(username="county_admin").first()
    if county is None or admin is None:
        return []
    if BulletinSeries.objects.filter(area=county, title=SERIES).exists():
        return ["通报：已有演示数据"]
    series = series_create(admin, area=county, title=SERIES, first_number=7, rrule="FREQ=WEEKLY;BYDAY=MO")
    today = timezone.localdate()
    series_issue(actor=admin, series=series, day=today - timedelta(days=7))
    issue = series_issue(actor=admin, series=series, day=today - timedelta(days=1))
    return [f"通报：《{SERIES}》已出 2 期（第7期、第{issue.number}期）"]
