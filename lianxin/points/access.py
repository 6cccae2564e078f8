"""The points routes in the authorization matrix (lianxin.core.access).

Every person has points, so the resident's page and the points API answer everyone signed in (each sees
only his own). The 核销 page and confirming a code are for those who may confirm codes (the capability
``redemption.confirm``, shop staff): the demo cast has no shop staff persona yet, so the matrix expects every
persona refused there; lianxin/points/tests sign in as the staff of a test shop.
"""

from lianxin.core.access import Rule, capable, everyone
from lianxin.points.shops import CONFIRM

ACCESS = {
    "points/": everyone(),
    "points/redeem/": everyone(method="POST"),  # no reward chosen: 400
    "points/shop/": Rule(allowed=capable(CONFIRM)),
    "points/shop/confirm/": Rule(allowed=capable(CONFIRM), method="POST"),  # no code: 400
    "api/v1/points/balance": everyone(),
    "api/v1/points/entries": everyone(),
    "api/v1/rewards/": everyone(),
    "api/v1/redemptions/": everyone(),
    # A code of no shop: 404 to shop staff, 403 to everyone else.
    "api/v1/redemptions/<code>/confirm": Rule(
        scoped=capable(CONFIRM), method="POST", kwargs=lambda w: {"code": "ABCDEFGH"}
    ),
}
