from lianxin.core.access import Rule, capable

_AUDITOR = capable("audit.read")

ACCESS = {
    "audit/": Rule(allowed=_AUDITOR),
    "audit/export.xlsx": Rule(allowed=_AUDITOR),
    "audit/chain/": Rule(allowed=_AUDITOR),
}
