from lianxin.core.access import Rule, everyone

ACCESS = {
    "api/v1/me": everyone(),
    # GET lists the caller's own tokens (POST creates one: tests/api/test_cases_token_api.py).
    "api/v1/me/tokens": everyone(),
    "api/v1/me/tokens/<token_id>/revoke": Rule(skip="POST: tests/api/test_cases_token_api.py"),
}
