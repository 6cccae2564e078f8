"""The points routes in the authorization matrix (lianxin.core.access).

Every person has points, so the resident's page and the points API answer everyone signed in (each sees
only his own). The 核销 page and confirming a code are for partner shop staff: the demo cast has no shop
staff persona (the cast is the demo's accounts, lianxin.demo.accounts), so the matrix expects every persona
refused there; lianxin/points/tests/test_pages.py and test_api.py sign in as shop staff of a test shop.
"""

from lianxin.core.access import Rule, everyone

ACCESS = {
    "points/": everyone(),
    "points/redeem/": everyone(method="POST"),  # no reward chosen: 400
    "points/shop/": Rule(),
    "points/shop/confirm/": Rule(method="POST"),
    "api/v1/points/balance": everyone(),
    "api/v1/points/entries": everyone(),
    "api/v1/rewards/": everyone(),
    "api/v1/redemptions/": everyone(),
    "api/v1/redemptions/<code>/confirm": Rule(method="POST", kwargs=lambda w: {"code": "ABCDEFGH"}),
}
