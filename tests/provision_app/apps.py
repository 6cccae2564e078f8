"""A test app that plugs into the cases engine from its ready(), as the provision and volunteering apps will,
without a line changed in ``cases/``: an intake router sends water leaks to the provider of the test's
choosing (a service order matched to a provider), and a claim guard refuses claims from people who have not
reported to their community (lianxin/cases/tests/test_intake_router.py, test_claims.py)."""

from django.apps import AppConfig

# What the tests set: the provider water leaks go to, the persons who have reported to their community.
MATCHED = {"provider": None}
REPORTED_IN: set[int] = set()


def match_provider(*, actor, category, area, extra):
    from lianxin.cases.routing import target_at

    provider = MATCHED["provider"]
    if provider is None or category.code != "water_leak":
        return None
    return target_at(provider, case_area=area)


class ProvisionAppConfig(AppConfig):
    name = "tests.provision_app"
    label = "provision_app"

    def ready(self):
        from lianxin.cases.routing import intake_router_register

        intake_router_register(match_provider, name="provision_app.match_provider")
