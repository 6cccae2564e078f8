from lianxin.core.access import Rule, everyone
from lianxin.demo.accounts import DEMO_OTP_ACCOUNTS

ACCESS = {
    "accounts/otp/": everyone(),
    "accounts/otp/setup/": everyone(),
    # New recovery codes only in a session that gave its second factor.
    "accounts/otp/recovery-codes/": Rule(method="POST", allowed=frozenset(DEMO_OTP_ACCOUNTS)),
    "accounts/sessions/": everyone(),
    "accounts/sessions/sign-out-all/": Rule(
        skip="POST only, ends every session: security/tests/test_sessions.py"
    ),
    "security/lockouts/": Rule(allowed=frozenset({"secadmin"})),
    "security/lockouts/unlock/": Rule(method="POST", allowed=frozenset({"secadmin"})),
}
