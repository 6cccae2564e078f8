"""What the scoring part registers from AppConfig.ready(): its capabilities, the built-in indicator
functions, navigation, the workbench panel, audit and the Huey job results_refresh."""


def ready() -> None:
    from lianxin.assessment import (  # noqa: F401 - scoring_tasks registers the Huey job on import
        scoring_functions,
        scoring_navigation,
        scoring_rights,
        scoring_tasks,
        scoring_workbench,
    )
    from lianxin.assessment.models import SCORING_AUDITED
    from lianxin.audit.registry import audit_register

    scoring_rights.capabilities_register()
    scoring_functions.builtins_register()
    scoring_navigation.register()
    scoring_workbench.register()
    for model in SCORING_AUDITED:
        audit_register(model, repr=False)
