# Every model of the app, imported here: other apps import from lianxin.education.models.
from lianxin.education.models.library import TEACHING_POINT_CODE, LocalTeacher, TeacherKind, TeachingPoint
from lianxin.education.models.sessions import EducationSession, SessionKind, SessionResult
from lianxin.education.models.training import (
    Audience,
    Enrolment,
    FundSource,
    PlanKind,
    TeachingEvaluation,
    TrainingClass,
    TrainingFund,
    TrainingPlan,
)

AUDITED = [
    EducationSession,
    SessionResult,
    TeachingPoint,
    LocalTeacher,
    TrainingPlan,
    TrainingClass,
    Enrolment,
    TeachingEvaluation,
    TrainingFund,
]

__all__ = [
    "AUDITED",
    "TEACHING_POINT_CODE",
    "Audience",
    "EducationSession",
    "Enrolment",
    "FundSource",
    "LocalTeacher",
    "PlanKind",
    "SessionKind",
    "SessionResult",
    "TeacherKind",
    "TeachingEvaluation",
    "TeachingPoint",
    "TrainingClass",
    "TrainingFund",
    "TrainingPlan",
]
