"""The demo's micro-wishes and a service project (issue 21 "Wish", "Project"), so the volunteer finds
something to claim and the resident a wish to confirm at first sign-in: 孙桂兰 files two wishes, the
community screens them; 老花镜一副 waits to be claimed, 陪老伴去医院复查 was claimed by the volunteer 徐晓燕,
handed to her and fulfilled, waiting for 孙桂兰 to confirm it (which pays 徐晓燕 LIANXIN_POINTS_PER_WISH);
the community issues 楼道杂物清理 (2 hours, 4 places) for registered volunteers to claim. Written through the
services with keys: a rerun replays each step and adds nothing. Runs after the volunteering demo (the
volunteer's registration is approved there)."""

from lianxin.areas.models import Area
from lianxin.cases.models import Case, Category
from lianxin.cases.services import case_report
from lianxin.people.models import User
from lianxin.volunteering.services.wishes import (
    wish_assign,
    wish_claim,
    wish_file,
    wish_fulfil,
    wish_screen,
)
from lianxin.volunteering.wishes import PROJECT_ROOT, has_reported, wish_categories_ensure

OPEN_WISH = ("wish_goods", "老花镜一副，看药品说明书用", "demo-wish-glasses")
CLAIMED_WISH = ("wish_company", "陪老伴去医院复查，需要有人帮忙挂号取药", "demo-wish-escort")
PROJECT = ("楼道杂物清理：清理1至3号楼楼道堆放的杂物，消除消防隐患", "demo-project-corridors")


def demo_wishes_load() -> int:
    """Returns how many wishes and projects the demo resident's community holds from this module."""
    users = {u.username: u for u in User.objects.filter(is_demo=True).select_related("person")}
    resident, secretary, volunteer = (users.get(n) for n in ("resident", "community_secretary", "volunteer"))
    if not (resident and secretary and volunteer) or not resident.person.area_id:
        return 0
    wish_categories_ensure()
    made = []
    for code, text, key in (OPEN_WISH, CLAIMED_WISH):
        wish = wish_file(
            resident, category=Category.objects.get(code=code), description=text, idempotency_key=key
        )
        wish_screen(secretary, case=wish, accept=True, idempotency_key=f"{key}-screen")
        made.append(wish)
    claimed = made[1]
    if has_reported(volunteer.person_id):
        wish_claim(volunteer, case=claimed, idempotency_key=f"{CLAIMED_WISH[2]}-claim")
        claimed.refresh_from_db()
        wish_assign(secretary, case=claimed, idempotency_key=f"{CLAIMED_WISH[2]}-assign")
        claimed.refresh_from_db()
        wish_fulfil(
            volunteer, case=claimed, note="已陪同复查，药已取回", idempotency_key=f"{CLAIMED_WISH[2]}-fulfil"
        )
    text, key = PROJECT
    estate = Area.objects.get(pk=resident.person.area_id)
    while estate.level != "estate" and estate.depth > 1:
        estate = Area.objects.get_parent(estate)
    project = case_report(
        secretary,
        category=Category.objects.get(code=PROJECT_ROOT),
        area=estate,
        description=text,
        extra={"hours": 2},
        claim_capacity=4,
        idempotency_key=key,
    )
    made.append(project)
    return Case.objects.filter(pk__in=[c.pk for c in made]).count()
