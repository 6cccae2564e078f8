"""Open311 answers without a session (it is for other systems): the service list and definitions to anyone;
requests and tokens to anyone as OPEN311_PUBLIC_READS allows (by default the public fields of public
requests, a 404 for anything else); updates only with an api_key (403 without one, signed in or not)."""

from lianxin.core.access import ALL_ROLES, PUBLIC, Rule

V2 = "open311/v2/"
FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"
UNSIGNED = "unsigned"

ACCESS = {
    "open311/^discovery" + FMT: Rule(allowed=ALL_ROLES, anonymous=PUBLIC, path="open311/discovery.json"),
    V2: Rule(scoped=ALL_ROLES, anonymous=PUBLIC),
    V2 + "^.*$": Rule(scoped=ALL_ROLES, anonymous=PUBLIC, path=V2 + "nothing.xml"),
    V2 + "^services" + FMT: Rule(allowed=ALL_ROLES, anonymous=PUBLIC, path=V2 + "services.json"),
    V2 + r"^services/(?P<service_code>[^/]+?)" + FMT: Rule(
        allowed=ALL_ROLES, anonymous=PUBLIC, path=V2 + "services/cleaning.xml"
    ),
    V2 + "^requests" + FMT: Rule(allowed=ALL_ROLES, anonymous=PUBLIC, path=V2 + "requests.json"),
    # A number whose date does not match its id: no such request, for everyone.
    V2 + r"^requests/(?P<request_id>[^/]+?)" + FMT: Rule(
        scoped=ALL_ROLES, anonymous=PUBLIC, path=V2 + "requests/20200101-0000001.xml"
    ),
    V2 + r"^tokens/(?P<token>[^/]+?)" + FMT: Rule(
        scoped=ALL_ROLES, anonymous=PUBLIC, path=V2 + "tokens/abc.json"
    ),
    V2 + "^servicerequestupdates" + FMT: Rule(anonymous=PUBLIC, path=V2 + "servicerequestupdates.xml"),
    # An unsigned media address: 404 for everyone.
    V2 + "media/<str:token>": Rule(scoped=ALL_ROLES, anonymous=PUBLIC, kwargs=lambda w: {"token": UNSIGNED}),
}
