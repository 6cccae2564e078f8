"""The test app's role and capabilities (see apps.py)."""

from lianxin.core.rights import capability_grant, capability_register
from lianxin.people.roles import Role, RoleRule, role_register

# A steward of a community's service centre: writes in his area, sees no resident one by one.
STEWARD = "rights_app_steward"
INSPECT = "rights_app.inspect_place"  # a check that changes the place's register: it needs write scope


def register() -> None:
    role_register(
        STEWARD, "station steward", rule=RoleRule(writes=True, sees_full_numbers=False, sees_residents=False)
    )
    # Another app's capability, granted without editing it (areas registers "place.record_activity").
    capability_grant("place.record_activity", roles={STEWARD})
    # The app's own capability, checked below with the rights table's helper.
    capability_register(INSPECT, roles={STEWARD, Role.SECRETARY}, label="inspect a place")


def place_inspect(actor, *, place) -> str:
    """What the app's own service does: refuse, with the table's Chinese reason, those who may not."""
    from lianxin.core.rights import require

    require(actor, INSPECT, place)
    return place.name
