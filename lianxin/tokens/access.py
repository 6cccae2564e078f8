from lianxin.core.access import ALL_ROLES, Rule, everyone

ACCESS = {
    # Everyone manages his own tokens; a token that is not his (or none) is 404.
    "accounts/tokens/": everyone(),
    "accounts/tokens/<int:pk>/revoke/": Rule(
        scoped=ALL_ROLES, method="POST", kwargs=lambda w: {"pk": 999999}
    ),
    "api/v1/me": everyone(),
    # GET lists the caller's own tokens (POST creates one: tests/api/test_cases_token_api.py).
    "api/v1/me/tokens": everyone(),
    "api/v1/me/tokens/<token_id>/revoke": Rule(skip="POST: tests/api/test_cases_token_api.py"),
}
