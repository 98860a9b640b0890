from .audit import AuditAction, AuditEntry
from .certificates import Certificate
from .classes import Attendance, ClassSession, TrainingClass
from .help_log import AmbassadorHelp, HelpOutcome
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
from .national import (
    CertificateClaim,
    CertificateClaimLog,
    ClaimAction,
    ClaimStatus,
    FileKind,
    FileState,
    NationalCourseVisit,
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
    "AmbassadorHelp",
    "HelpOutcome",
    "Attendance",
    "ClassSession",
    "TrainingClass",
    "CertificateClaim",
    "CertificateClaimLog",
    "ClaimAction",
    "ClaimStatus",
    "FileKind",
    "FileState",
    "NationalCourseVisit",
    "AppendOnlyError",
    "AuditAction",
    "AuditEntry",
    "Certificate",
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
