"""Writes of the people side: each a keyword-only function in a transaction."""

from lms.access.audit import audit_record
from lms.people.services.cards import sign_in_card_create, sign_in_card_revoke_all, sign_in_card_use
from lms.people.services.digital_id import digital_id_history, digital_id_set
from lms.people.services.people import (
    consent_record,
    grant_create,
    household_create,
    household_join,
    learner_confirm_digital_id,
    learner_register_assisted,
    learner_signup,
    learner_update,
)
from lms.people.services.places import places_import_csv
from lms.people.services.privacy import account_delete, account_export

__all__ = [
    "account_delete",
    "account_export",
    "audit_record",
    "consent_record",
    "digital_id_history",
    "digital_id_set",
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
