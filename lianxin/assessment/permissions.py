"""The assessment roles (issue 22).

- ``reviewer`` (评议人): reads the assessments of his scope and scores only where he is seated (a review
  session's reviewers, a scheme's markers); he sees no resident.
"""

REVIEWER = "reviewer"


def roles_register() -> None:
    """From AssessmentConfig.ready()."""
    from django.utils.translation import gettext_lazy as _

    from lianxin.people.roles import RoleRule, role_register

    role_register(
        REVIEWER, _("reviewer"), rule=RoleRule(writes=False, sees_full_numbers=False, sees_residents=False)
    )
