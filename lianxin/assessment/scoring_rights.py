"""Who does what in the scoring part (registered from setup_scoring.ready()).

- ``assessment.mark``: the staff of a level (secretaries, committee members, community workers, the
  organisation department) mark subjects, record property fees, company exits, 五有 ticks, secretaries'
  reports and conduct incidents over the areas their posts may change.
- ``assessment.scheme``: the organisation department and the party secretaries set up schemes, review
  sessions and the 正负清单 items.
- Reviewers (role ``reviewer``, read-only) score a review session only where they are seated.
"""

from lianxin.people.roles import LEADER_ROLES, STAFF_ROLES

MARK = "assessment.mark"
SCHEME_KEEP = "assessment.scheme"


def capabilities_register() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.rights import capability_register

    capability_register(MARK, roles=STAFF_ROLES, label=_("mark assessments and keep their records"))
    capability_register(SCHEME_KEEP, roles=LEADER_ROLES, label=_("set up assessment schemes and reviews"))
