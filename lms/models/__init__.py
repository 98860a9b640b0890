from lms.models.audit import AuditAction, AuditEntry
from lms.models.certificates import Certificate
from lms.models.classes import Attendance, ClassSession, TrainingClass
from lms.models.digital_id import DigitalIdChange
from lms.models.events import EventHost, EventRegistration
from lms.models.help import (
    HelperRole,
    HelpNeed,
    HelpRequest,
    HelpRequestOutcome,
    HelpStatus,
    VillageHelper,
)
from lms.models.help_log import AmbassadorHelp, HelpOutcome
from lms.models.national import (
    CertificateClaim,
    CertificateClaimLog,
    ClaimAction,
    ClaimStatus,
    FileKind,
    FileState,
    NationalCourseVisit,
)
from lms.models.people import (
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
from lms.models.places import Place, PlaceKind
from lms.models.quarterly import QuarterlyReminder, QuarterlyReport, ReportStatus
from lms.models.records import (
    AppendOnlyError,
    CourseProgress,
    LearningEvent,
    LessonProgress,
    NationalCompletion,
    ProgramProgress,
    Source,
    Verb,
)
from lms.models.tallies import LearnerTally, SummaryState
from lms.models.targets import Indicator, IndicatorTarget

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
    "DigitalIdChange",
    "DigitalIdStatus",
    "EventHost",
    "EventRegistration",
    "FileKind",
    "FileState",
    "Gender",
    "Grant",
    "HelpNeed",
    "HelpOutcome",
    "HelpRequest",
    "HelpRequestOutcome",
    "HelpStatus",
    "HelperRole",
    "Household",
    "Indicator",
    "IndicatorTarget",
    "Learner",
    "LearnerTally",
    "LearningEvent",
    "LessonProgress",
    "NationalCompletion",
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
    "VillageHelper",
]
