from .audit import AuditAction, AuditEntry
from .people import (
    ConsentMethod,
    ConsentRecord,
    DigitalIdStatus,
    Gender,
    Grant,
    Household,
    Learner,
    PhoneNumber,
    Role,
    SignInToken,
    TargetGroup,
)
from .places import Place, PlaceKind
from .records import (
    AppendOnlyError,
    CourseProgress,
    LearningEvent,
    LessonProgress,
    ProgramProgress,
    Source,
    Verb,
)

__all__ = [
    "AppendOnlyError",
    "AuditAction",
    "AuditEntry",
    "ConsentMethod",
    "ConsentRecord",
    "CourseProgress",
    "DigitalIdStatus",
    "Gender",
    "Grant",
    "Household",
    "Learner",
    "LearningEvent",
    "LessonProgress",
    "PhoneNumber",
    "Place",
    "PlaceKind",
    "ProgramProgress",
    "Role",
    "SignInToken",
    "Source",
    "TargetGroup",
    "Verb",
]
