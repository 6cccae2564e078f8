"""The authorization matrix of the volunteering pages and API (lianxin.core.access)."""

from lianxin.core.access import ALL_ROLES, Rule, everyone

# Community staff (volunteering.permissions.STAFF_ROLES) among the demo accounts; they are also the
# approvers (secretaries and the organisation department).
_STAFF = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "township_secretary", "village_secretary"}
)
_TESTS = "lianxin/volunteering/tests (JSON body)"


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS = {
    "volunteering/register/": everyone(),
    "volunteering/registrations/": Rule(allowed=_STAFF),
    "volunteering/registrations/<int:pk>/approve/": Rule(scoped=_STAFF, kwargs=_missing("pk"), method="POST"),
    "volunteering/registrations/<int:pk>/refuse/": Rule(scoped=_STAFF, kwargs=_missing("pk"), method="POST"),
    # The unit_contact's post lies on a unit's party organisation: he registers it and follows its members.
    "volunteering/units/": Rule(allowed=_STAFF | {"unit_contact"}),
    # One unit: its community's staff and the unit's own contact read it; the approvers appoint its head.
    "volunteering/units/<int:pk>/": Rule(scoped=_STAFF | {"unit_contact"}, kwargs=_missing("pk")),
    "volunteering/units/<int:pk>/approve/": Rule(scoped=_STAFF, kwargs=_missing("pk"), method="POST"),
    "volunteering/units/<int:pk>/refuse/": Rule(scoped=_STAFF, kwargs=_missing("pk"), method="POST"),
    # Lists: each sees what his scope holds (his own registration at least).
    "api/v1/registrations/": everyone(),
    "api/v1/registrations/<registration_id>/approve": Rule(
        scoped=ALL_ROLES, kwargs=_missing("registration_id"), method="POST"
    ),
    "api/v1/registrations/<registration_id>/refuse": Rule(skip=_TESTS),
    "api/v1/unit-registrations/": everyone(),
    "api/v1/unit-registrations/<registration_id>/approve": Rule(
        scoped=ALL_ROLES, kwargs=_missing("registration_id"), method="POST"
    ),
    "api/v1/unit-registrations/<registration_id>/refuse": Rule(skip=_TESTS),
    "api/v1/unit-registrations/<registration_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("registration_id")),
    "api/v1/unit-registrations/<registration_id>/head-posts": Rule(skip=_TESTS),
    # Teams: staff keep them; a volunteer sees the teams of his community (his post reaches the area).
    "volunteering/teams/": Rule(allowed=_STAFF | {"volunteer"}),
    "volunteering/teams/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "volunteering/team-members/<int:pk>/end/": Rule(scoped=_STAFF, kwargs=_missing("pk"), method="POST"),
    "api/v1/teams/": everyone(),
    "api/v1/teams/<team_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("team_id")),
    "api/v1/teams/<team_id>/members": Rule(scoped=ALL_ROLES, kwargs=_missing("team_id")),
    "api/v1/teams/<team_id>/members/<member_id>/end": Rule(
        scoped=ALL_ROLES, kwargs=_missing("team_id", "member_id"), method="POST"
    ),
    # Call-outs: staff call; volunteers and team members have their own list.
    "volunteering/callouts/": Rule(allowed=_STAFF),
    "volunteering/callouts/mine/": Rule(allowed=frozenset({"volunteer"})),
    "volunteering/callouts/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "volunteering/callouts/<int:pk>/answer/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "api/v1/callouts/": everyone(),
    "api/v1/callouts/<callout_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("callout_id")),
    "api/v1/callouts/<callout_id>/answers": Rule(scoped=ALL_ROLES, kwargs=_missing("callout_id")),
    # Pairings: staff keep them; a captain or volunteer of a pairing sees his own (none in the test world).
    "volunteering/pairings/": Rule(allowed=_STAFF),
    "volunteering/pairings/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "volunteering/pairings/<int:pk>/end/": Rule(scoped=_STAFF, kwargs=_missing("pk"), method="POST"),
    # The unit_contact reads his unit's agreements (unit_org), wherever they were signed; staff record them.
    "volunteering/co-building/": Rule(allowed=_STAFF | {"unit_contact"}),
    "volunteering/sent-down/": Rule(allowed=_STAFF),
    "volunteering/sent-down/<int:pk>/end/": Rule(scoped=_STAFF, kwargs=_missing("pk"), method="POST"),
    "api/v1/pairings/": everyone(),
    "api/v1/pairings/unpaired": everyone(),
    "api/v1/pairings/<pairing_id>/visits": Rule(scoped=ALL_ROLES, kwargs=_missing("pairing_id")),
    "api/v1/co-building/": everyone(),
    "api/v1/sent-down/": everyone(),
    # Service projects: staff publish them and follow their claims; members claim on the wishes page.
    "volunteering/projects/": Rule(allowed=_STAFF),
    # Micro-wishes: everyone with a person files and, once reported to a community, claims.
    "volunteering/wishes/": everyone(),
    "volunteering/wishes/<int:pk>/claim/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "volunteering/wishes/<int:pk>/step/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    # Activities (views/activities.py): staff publish and count; everyone with a person signs up, scans the
    # QR code and reads his hours; an activity outside one's scope (or not open to him) is a 404.
    "volunteering/activities/": Rule(allowed=_STAFF),
    "volunteering/activities/near-me/": everyone(),
    "volunteering/activities/figures/": Rule(allowed=_STAFF),
    "volunteering/activities/check-in/<str:token>/": Rule(scoped=ALL_ROLES, kwargs=_missing("token")),
    "volunteering/activities/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "volunteering/activities/<int:pk>/sign-up/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "volunteering/activities/<int:pk>/roll/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "volunteering/activities/<int:pk>/close/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "volunteering/activities/<int:pk>/hours/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "volunteering/activities/<int:pk>/results/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "volunteering/hours/": everyone(),
    "volunteering/training/": Rule(allowed=_STAFF),
    "api/v1/activities/": everyone(),
    "api/v1/activities/figures": Rule(allowed=_STAFF),
    "api/v1/activities/my-hours": everyone(),
    "api/v1/activities/trainers": everyone(),
    "api/v1/activities/courses": everyone(),
    "api/v1/activities/sources": everyone(),
    "api/v1/activities/<activity_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("activity_id")),
    "api/v1/activities/<activity_id>/signups": Rule(scoped=ALL_ROLES, kwargs=_missing("activity_id")),
    "api/v1/activities/<activity_id>/signins": Rule(skip=_TESTS),
    "api/v1/activities/<activity_id>/signins/close": Rule(
        scoped=ALL_ROLES, kwargs=_missing("activity_id"), method="POST"
    ),
    "api/v1/activities/<activity_id>/hours": Rule(skip=_TESTS),
}
