"""P002-29 (issue 19): liaisons are counted by area as well as by source, each person once, on the figures
page and in GET /api/v1/territory-figures/ alike."""

from lianxin.people.models import Post
from lianxin.people.roles import Role

TITLE = "按区域和来源统计的党群协理员"


def test_liaisons_are_counted_by_area_and_source_on_the_page_and_in_the_api(client_as, cast, world):
    client = client_as("county_admin")
    tables = {t["title"]: t["rows"] for t in client.get("/api/v1/territory-figures/").json()}
    rows = tables[TITLE]
    liaisons = Post.objects.current().filter(role=Role.LIAISON)
    assert rows, "the small world has liaisons"
    assert sum(int(r["value"]) for r in rows) == liaisons.values("person").distinct().count()
    html = client.get("/coverage/figures/").content.decode()
    assert TITLE in html and rows[0]["label"] in html[html.index(TITLE) :]
    # The liaison's own scope: his village, counted under itself.
    own = {t["title"]: t["rows"] for t in client_as("liaison").get("/api/v1/territory-figures/").json()}[
        TITLE
    ]
    village = Post.objects.current().get(person=cast.liaison.person, role=Role.LIAISON).area
    assert [r["label"] for r in own] == [village.name]
    assert int(own[0]["value"]) == liaisons.filter(area=village).values("person").distinct().count()
