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

__all__ = [
    "AuditAction",
    "AuditEntry",
    "ConsentMethod",
    "ConsentRecord",
    "DigitalIdStatus",
    "Gender",
    "Grant",
    "Household",
    "Learner",
    "PhoneNumber",
    "Place",
    "PlaceKind",
    "Role",
    "SignInToken",
    "TargetGroup",
]
