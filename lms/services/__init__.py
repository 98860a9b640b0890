"""Writes of the people side: each a keyword-only function in a transaction."""

from lms.services.audit import audit_record
from lms.services.cards import sign_in_card_create, sign_in_card_revoke_all, sign_in_card_use
from lms.services.people import (
    consent_record,
    grant_create,
    household_create,
    household_join,
    learner_confirm_digital_id,
    learner_register_assisted,
    learner_signup,
    learner_update,
)
from lms.services.places import places_import_csv
from lms.services.privacy import account_delete, account_export

__all__ = [
    "account_delete",
    "account_export",
    "audit_record",
    "consent_record",
    "grant_create",
    "household_create",
    "household_join",
    "learner_confirm_digital_id",
    "learner_register_assisted",
    "learner_signup",
    "learner_update",
    "places_import_csv",
    "sign_in_card_create",
    "sign_in_card_revoke_all",
    "sign_in_card_use",
]
