"""The rural roles (issue 23, docs/rural.md). Each part registers the capabilities it checks in its own
``setup_<part>.ready()``; the roles are here, once.

- ``joint_committee_leader``: the township secretary responsible for a cluster's joint committee (片区融合发展
  联合党委的负责领导, P002-03), a post on the committee beside (not instead of) its own secretary's.
- ``task_force_head``: a county-department cadre heading one of the five task forces (专班负责人, P000-07).
- ``seconded_secretary`` / ``seconded_director`` / ``revitalisation_partner``: a returnee's dated post at a
  village (挂职书记、挂职主任、乡村振兴合伙人, P000-22): the village's scope only while the post is in force.
- ``first_secretary``: a village's first secretary sent down by a unit (第一书记).
- ``cooperative_chair`` / ``cooperative_council_member`` / ``cooperative_supervisor``: posts on a cooperative
  (``Organisation(kind=cooperative)``): 理事长, 理事会成员, 监事会成员 (P001-16, P002-70, P002-71).
"""

JOINT_COMMITTEE_LEADER = "joint_committee_leader"
TASK_FORCE_HEAD = "task_force_head"
SECONDED_SECRETARY = "seconded_secretary"
SECONDED_DIRECTOR = "seconded_director"
REVITALISATION_PARTNER = "revitalisation_partner"
FIRST_SECRETARY = "first_secretary"
COOPERATIVE_CHAIR = "cooperative_chair"
COOPERATIVE_COUNCIL_MEMBER = "cooperative_council_member"
COOPERATIVE_SUPERVISOR = "cooperative_supervisor"

RETURNEE_ROLES = frozenset({SECONDED_SECRETARY, SECONDED_DIRECTOR, REVITALISATION_PARTNER})
COOPERATIVE_ROLES = frozenset({COOPERATIVE_CHAIR, COOPERATIVE_COUNCIL_MEMBER, COOPERATIVE_SUPERVISOR})
# Posts that work a village as its own cadres do: its residents, its full numbers.
VILLAGE_CADRE_ROLES = frozenset({SECONDED_SECRETARY, SECONDED_DIRECTOR, FIRST_SECRETARY})


def roles_register() -> None:
    """From RuralConfig.ready()."""
    from django.utils.translation import gettext_lazy as _

    from lianxin.people.roles import RoleRule, role_register

    cadre = RoleRule(writes=True, sees_full_numbers=True, sees_residents=True)
    # Leaders of the cluster's work and the cooperatives' boards: they write their own records, and see
    # the villages' figures, not their residents one by one.
    leader = RoleRule(writes=True, sees_full_numbers=False, sees_residents=False)
    reader = RoleRule(writes=False, sees_full_numbers=False, sees_residents=False)
    role_register(JOINT_COMMITTEE_LEADER, _("joint committee leader"), rule=leader)
    role_register(TASK_FORCE_HEAD, _("task force head"), rule=leader)
    role_register(SECONDED_SECRETARY, _("seconded secretary"), rule=cadre)
    role_register(SECONDED_DIRECTOR, _("seconded director"), rule=cadre)
    role_register(REVITALISATION_PARTNER, _("revitalisation partner"), rule=reader)
    role_register(FIRST_SECRETARY, _("first secretary"), rule=cadre)
    role_register(COOPERATIVE_CHAIR, _("cooperative chair"), rule=leader)
    role_register(COOPERATIVE_COUNCIL_MEMBER, _("cooperative council member"), rule=reader)
    role_register(COOPERATIVE_SUPERVISOR, _("cooperative supervisor"), rule=reader)
