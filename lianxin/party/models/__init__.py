"""The party app's models, one module per concept; importing them here registers them with Django and lets
the rest of the code import every model from ``lianxin.party.models``."""

from lianxin.party.models.alliance_chairs import (
    AllianceChairSeat,
    AllianceChairTerm,
    JointActivity,
    JointKind,
    PolicyItem,
    PolicyList,
)
from lianxin.party.models.alliance_lists import AllianceDeal, AllianceDemand, AllianceOffer, DemandState
from lianxin.party.models.alliances import (
    ALLIANCE_SCOPE,
    DEPARTMENT_ROLES,
    AllianceCategory,
    AllianceMember,
    AllianceRole,
    ChainCategory,
    ChainSegment,
)
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.couriers import CourierLink, CourierRecord
from lianxin.party.models.member_posts import MemberPost, MemberPostKind, MemberPostQuerySet
from lianxin.party.models.orgs import (
    TASK_FORCES,
    Field,
    LiaisonLink,
    MemberHousehold,
    Membership,
    MembershipKind,
    MembershipQuerySet,
    OrgKind,
    PartyOrg,
    PartyOrgManager,
    PartyOrgQuerySet,
    Sector,
    SetupMode,
    TaskForce,
)
from lianxin.party.models.sector_departments import (
    SectorDepartment,
    SectorDepartmentRole,
    sector_orgs_q,
    sector_read_paths,
)
from lianxin.party.models.studios import SecretaryStudio, StudioMentee

__all__ = [
    "AllianceChairSeat",
    "AllianceChairTerm",
    "JointActivity",
    "JointKind",
    "PolicyItem",
    "PolicyList",
    "ALLIANCE_SCOPE",
    "AllianceCategory",
    "AllianceDeal",
    "AllianceDemand",
    "AllianceMember",
    "AllianceOffer",
    "AllianceRole",
    "ChainCategory",
    "ChainSegment",
    "CourierLink",
    "CourierRecord",
    "DEPARTMENT_ROLES",
    "DemandState",
    "Field",
    "IndustryChain",
    "LiaisonLink",
    "MemberHousehold",
    "MemberPost",
    "MemberPostKind",
    "MemberPostQuerySet",
    "Membership",
    "MembershipKind",
    "MembershipQuerySet",
    "OrgKind",
    "PartyOrg",
    "PartyOrgManager",
    "PartyOrgQuerySet",
    "SecretaryStudio",
    "Sector",
    "SectorDepartment",
    "SectorDepartmentRole",
    "SetupMode",
    "StudioMentee",
    "TASK_FORCES",
    "TaskForce",
    "sector_orgs_q",
    "sector_read_paths",
]
