from .audit import AuditAction, AuditEntry
from .certificates import Certificate
from .classes import Attendance, ClassSession, TrainingClass
from .help_log import AmbassadorHelp, HelpOutcome
from .national import (
    CertificateClaim,
    CertificateClaimLog,
    ClaimAction,
    ClaimStatus,
    FileKind,
    FileState,
    NationalCourseVisit,
)
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
)
from .places import Place, PlaceKind
from .quarterly import QuarterlyReminder, QuarterlyReport, ReportStatus
from .records import (
    AppendOnlyError,
    CourseProgress,
    LearningEvent,
    LessonProgress,
    ProgramProgress,
    Source,
    Verb,
)
from .tallies import LearnerTally, SummaryState

__all__ = [
    "AmbassadorHelp",
    "AppendOnlyError",
    "Attendance",
    "AuditAction",
    "AuditEntry",
    "Certificate",
    "CertificateClaim",
    "CertificateClaimLog",
    "ClaimAction",
    "ClaimStatus",
    "ClassSession",
    "ConsentMethod",
    "ConsentRecord",
    "CourseProgress",
    "DigitalIdStatus",
    "FileKind",
    "FileState",
    "Gender",
    "Grant",
    "HelpOutcome",
    "Household",
    "Learner",
    "LearnerTally",
    "LearningEvent",
    "LessonProgress",
    "NationalCourseVisit",
    "PhoneNumber",
    "Place",
    "PlaceKind",
    "ProgramProgress",
    "QuarterlyReminder",
    "QuarterlyReport",
    "ReportStatus",
    "Role",
    "SignInToken",
    "Source",
    "SummaryState",
    "TrainingClass",
    "Verb",
]
