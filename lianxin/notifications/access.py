from lianxin.core.access import ALL_ROLES, Rule, capable, everyone

# Notices are pushed by workers and staff with a post ("notice.push", notifications/apps.py).
_PUSH = capable("notice.push")

ACCESS = {
    "inbox/": everyone(),
    "inbox/read/": everyone(method="POST"),
    "inbox/notices/": Rule(allowed=_PUSH),
    "inbox/notices/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
}
