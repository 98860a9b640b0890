from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import TargetGroup
from lms.access.audit import audit_record
from lms.access.policy import Action, allows, villages_for
from lms.conf import lms_settings
from lms.models import (
    AuditAction,
    ConsentMethod,
    ConsentRecord,
    DigitalIdStatus,
    Grant,
    Household,
    Learner,
    PhoneNumber,
    Place,
    PlaceKind,
)
from lms.people.services.digital_id import digital_id_set
from lms.people.validators import validate_year_of_birth
from lms.text import clean_text

# No 0/O, 1/I/L: codes are read aloud and typed on small phones.
HOUSEHOLD_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
HOUSEHOLD_CODE_LENGTH = 8


def new_household_code() -> str:
    return "".join(secrets.choice(HOUSEHOLD_CODE_ALPHABET) for _ in range(HOUSEHOLD_CODE_LENGTH))


def normalise_household_code(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def needs_guardian(year_of_birth: int | None) -> bool:
    if year_of_birth is None:
        return False
    return timezone.localdate().year - year_of_birth < lms_settings.GUARDIAN_CONSENT_UNDER_AGE


@transaction.atomic
def household_create(*, village: Place, name: str, created_by=None) -> Household:
    """A household in ``village`` with a fresh, unguessable joining code."""
    if village.kind != PlaceKind.VILLAGE:
        raise ValidationError(_("A household belongs to a village."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Household.objects.create(
                    village=village,
                    name=clean_text(name),
                    code=new_household_code(),
                    created_by=created_by,
                )
        except IntegrityError:  # pragma: no cover - a code collision is astronomically rare
            continue
    raise RuntimeError("could not draw a unique household code")


def household_by_code(code: str) -> Household | None:
    code = normalise_household_code(code)
    if not code:
        return None
    return Household.objects.filter(code=code).select_related("village").first()


@transaction.atomic
def household_join(*, learner: Learner, code: str) -> Household:
    """Join the household whose code a member passed on. It must be in the
    learner's own village."""
    household = household_by_code(code)
    if household is None:
        raise ValidationError(
            _("No household has this code. Check it with a member of the household."),
            code="unknown_household",
        )
    if household.village_id != learner.village_id:
        raise ValidationError(
            _("This household is in another village. Choose your village first."),
            code="other_village",
        )
    learner.household = household
    learner.save(update_fields=["household", "updated_at"])
    return household


@transaction.atomic
def consent_record(
    *,
    learner: Learner,
    method: str,
    recorded_by=None,
    witness_name: str = "",
    guardian_name: str = "",
    guardian_relationship: str = "",
) -> ConsentRecord:
    """Record consent to the current privacy policy. A verbal consent needs a
    named witness; a learner under the guardian age needs a guardian."""
    witness_name = clean_text(witness_name)
    guardian_name = clean_text(guardian_name)
    guardian_relationship = clean_text(guardian_relationship)
    if method not in ConsentMethod.values:
        raise ValidationError(_("Choose how consent was given."))
    if method == ConsentMethod.VERBAL and not witness_name:
        raise ValidationError(_("Verbal consent needs the name of the witness."))
    if needs_guardian(learner.year_of_birth) and not (guardian_name and guardian_relationship):
        raise ValidationError(
            _("Learners under %(age)s need the consent of a parent or guardian.")
            % {"age": lms_settings.GUARDIAN_CONSENT_UNDER_AGE}
        )
    return ConsentRecord.objects.create(
        learner=learner,
        policy_version=lms_settings.PRIVACY_POLICY_VERSION,
        method=method,
        witness_name=witness_name,
        guardian_name=guardian_name,
        guardian_relationship=guardian_relationship,
        recorded_by=recorded_by,
    )


def _check_year(year_of_birth: int | None) -> None:
    if year_of_birth is not None:
        validate_year_of_birth(year_of_birth)


@transaction.atomic
def learner_signup(
    *,
    user,
    full_name: str,
    village: Place,
    year_of_birth: int | None = None,
    gender: str = "",
    household_code: str = "",
    create_household: bool = False,
    guardian_name: str = "",
    guardian_relationship: str = "",
) -> Learner:
    """The profile a learner gives when signing up, with their online consent."""
    _check_year(year_of_birth)
    if village.kind != PlaceKind.VILLAGE:
        raise ValidationError(_("Choose a village."))
    learner = Learner.objects.create(
        user=user,
        full_name=clean_text(full_name),
        village=village,
        year_of_birth=year_of_birth,
        gender=gender,
    )
    if household_code:
        household_join(learner=learner, code=household_code)
    elif create_household:
        learner.household = household_create(
            village=village,
            name=_("Household of %(name)s") % {"name": learner.full_name},
            created_by=user,
        )
        learner.save(update_fields=["household"])
    consent_record(
        learner=learner,
        method=ConsentMethod.ONLINE,
        recorded_by=user,
        guardian_name=guardian_name,
        guardian_relationship=guardian_relationship,
    )
    return learner


@transaction.atomic
def learner_update(
    *,
    learner: Learner,
    full_name: str,
    village: Place,
    year_of_birth: int | None,
    gender: str,
    digital_id_status: str,
    target_groups: list[TargetGroup],
) -> Learner:
    """A learner corrects their own profile. The digital-identity status is
    their declaration (``digital_id_set``): another status replaces a staff
    confirmation of the old one, the same status keeps it."""
    _check_year(year_of_birth)
    if village.kind != PlaceKind.VILLAGE:
        raise ValidationError(_("Choose a village."))
    if village.pk != learner.village_id and learner.household_id:
        learner.household = None  # a household belongs to one village
    digital_id_set(learner=learner, status=digital_id_status, by=learner.user, confirmed=False)
    learner.full_name = clean_text(full_name)
    learner.village = village
    learner.year_of_birth = year_of_birth
    learner.gender = gender
    learner.save()
    learner.target_groups.set(target_groups)
    return learner


@transaction.atomic
def learner_register_assisted(
    *,
    registered_by,
    full_name: str,
    year_of_birth: int,
    village: Place,
    phone: str = "",
    gender: str = "",
    consent_method: str,
    witness_name: str = "",
    guardian_name: str = "",
    guardian_relationship: str = "",
    request=None,
) -> Learner:
    """A trainer registers someone who cannot sign up alone. The village must
    be within the trainer's scope; the account gets no password (the learner
    signs in with the printed card or a code sent to the phone)."""
    if not villages_for(registered_by).filter(pk=village.pk).exists():
        raise PermissionDenied("village outside the trainer's scope")
    _check_year(year_of_birth)
    if phone and PhoneNumber.objects.filter(number=phone).exists():
        raise ValidationError(
            _("This phone number already belongs to an account."), code="phone_taken"
        )
    User = get_user_model()
    user = User(username=f"hv-{secrets.token_hex(6)}")
    user.set_unusable_password()
    user.save()
    if phone:
        PhoneNumber.objects.create(user=user, number=phone, verified=False)
    learner = Learner.objects.create(
        user=user,
        full_name=clean_text(full_name),
        year_of_birth=year_of_birth,
        village=village,
        gender=gender,
        registered_by=registered_by,
    )
    consent_record(
        learner=learner,
        method=consent_method,
        recorded_by=registered_by,
        witness_name=witness_name,
        guardian_name=guardian_name,
        guardian_relationship=guardian_relationship,
    )
    audit_record(
        actor=registered_by,
        action=AuditAction.REGISTER_LEARNER,
        learner_id=learner.pk,
        request=request,
    )
    return learner


@transaction.atomic
def learner_confirm_digital_id(*, learner: Learner, confirmed_by, request=None) -> Learner:
    """Staff confirm the digital-identity level the learner reported (a new
    row of its history, recorded in the audit log)."""
    if not allows(confirmed_by, Action.CHANGE, learner):
        raise PermissionDenied("learner outside the staff member's scope")
    if learner.digital_id_status == DigitalIdStatus.NONE:
        raise ValidationError(_("There is no digital identity to confirm."))
    digital_id_set(
        learner=learner,
        status=learner.digital_id_status,
        by=confirmed_by,
        confirmed=True,
        request=request,
    )
    return learner


@transaction.atomic
def grant_create(*, user, role: str, place: Place, granted_by=None) -> Grant:
    """Give ``user`` a staff role over ``place`` and everything below it."""
    grant, _created = Grant.objects.get_or_create(
        user=user,
        role=role,
        place=place,
        revoked_at=None,
        defaults={"granted_by": granted_by},
    )
    return grant
