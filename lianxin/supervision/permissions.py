"""The supervision roles and what they may do (issue 22).

- The seats of a leading group or working group (a ``Department`` of kind leading_group or working_group):
  组长 (``group_leader``, more than one allowed: 双组长, P001-06), 副组长 and 成员. They write (issue, follow
  and accept key tasks) but, like department staff, see no resident one by one.
- ``task.issue``: who may issue a key task, a letter or a decision as a task: the organisation department,
  the party secretaries and the group leaders (the joints issue's first handler and working-day due date).
"""

from lianxin.people.roles import LEADER_ROLES

GROUP_LEADER = "group_leader"
DEPUTY_GROUP_LEADER = "deputy_group_leader"
GROUP_MEMBER = "group_member"
GROUP_ROLES = frozenset({GROUP_LEADER, DEPUTY_GROUP_LEADER, GROUP_MEMBER})

TASK_ISSUE = "task.issue"
ISSUER_ROLES = LEADER_ROLES | {GROUP_LEADER, DEPUTY_GROUP_LEADER}


def roles_register() -> None:
    """From SupervisionConfig.ready()."""
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.rights import capability_register
    from lianxin.people.roles import RoleRule, role_register

    group_rule = RoleRule(writes=True, sees_full_numbers=False, sees_residents=False)
    role_register(GROUP_LEADER, _("group leader"), rule=group_rule)
    role_register(DEPUTY_GROUP_LEADER, _("deputy group leader"), rule=group_rule)
    role_register(GROUP_MEMBER, _("group member"), rule=group_rule)
    capability_register(TASK_ISSUE, roles=ISSUER_ROLES, label=_("issue key tasks and letters"))
