"""What the scoring part registers from AppConfig.ready(): its capabilities, the built-in indicator
functions, navigation, the workbench panel, audit and the Huey job results_refresh."""


def ready() -> None:
    from lianxin.assessment import scoring_functions, scoring_navigation, scoring_rights, scoring_tasks  # noqa: F401
    from lianxin.assessment.models import SCORING_AUDITED
    from lianxin.audit.registry import audit_register

    scoring_rights.capabilities_register()
    scoring_functions.builtins_register()
    scoring_navigation.register()
    for model in SCORING_AUDITED:
        audit_register(model, repr=False)
