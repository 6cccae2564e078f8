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


def reported_to_community(*, user, case, person, organisation):
    """The volunteering app's rule: a person claims a micro-wish once he has reported to his community."""
    if person is not None and person not in REPORTED_IN:
        return "请先到社区报到"
    return ""


class ProvisionAppConfig(AppConfig):
    name = "tests.provision_app"
    label = "provision_app"

    def ready(self):
        from lianxin.cases.claims import claim_guard_register
        from lianxin.cases.models import Kind
        from lianxin.cases.routing import intake_router_register

        intake_router_register(match_provider, name="provision_app.match_provider")
        claim_guard_register(reported_to_community, kinds=[Kind.MICRO_WISH], name="provision_app.reported")
