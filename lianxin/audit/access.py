from lianxin.core.access import Rule

_AUDITOR = frozenset({"auditor"})

ACCESS = {
    "audit/": Rule(allowed=_AUDITOR),
    "audit/export.xlsx": Rule(allowed=_AUDITOR),
    "audit/chain/": Rule(allowed=_AUDITOR),
}
