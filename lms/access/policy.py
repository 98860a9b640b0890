"""Who may see and do what, in one table.

Staff roles are ``Grant`` rows over a place and everything below it. A row of
``POLICY`` names, for one (object kind, action), the grant roles whose places
bring objects into scope, and whether the classes a user teaches (or the
user's own rows) count too. An administrator (a superuser) is in scope for
everything; an anonymous or deactivated account for nothing.

Every staff view, export, file download and service scopes through the
``*_for`` functions below, so a trainer of village A never reaches village B
and the differences between roles can be read here rather than found.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet

from lms.models import (
    Certificate,
    CertificateClaim,
    EventHost,
    Grant,
    HelpRequest,
    Household,
    Learner,
    Place,
    Role,
    TrainingClass,
    VillageHelper,
)


class Kind(StrEnum):
    PLACE = "place"
    LEARNER = "learner"
    HOUSEHOLD = "household"
    CLASS = "class"
    CLAIM = "claim"
    CERTIFICATE = "certificate"
    HELPER = "village_helper"
    HELP_REQUEST = "help_request"
    EVENT = "event"


class Action(StrEnum):
    VIEW = "view"  # lists, detail pages, exports, file downloads
    CHANGE = "change"  # edit, register, issue cards, reshape a class
    TEACH = "teach"  # add a session, take attendance, record lessons taught
    REVIEW = "review"  # decide a national-certificate claim
    REVOKE = "revoke"  # withdraw a local certificate
    REPORT = "report"  # a learner's progress page; a place's quarterly report


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    taught: bool = False  # also what is in the classes the user is a trainer of
    own: bool = False  # also the user's own rows (a learner's own claims)
    helped: bool = False  # also what is in the villages the user is a helper of


STAFF = frozenset(Grant.STAFF_ROLES)
REVIEWERS = frozenset({Role.TRAINER, Role.AMBASSADOR})

POLICY: dict[tuple[Kind, Action], Rule] = {
    (Kind.PLACE, Action.VIEW): Rule(STAFF),
    (Kind.PLACE, Action.REPORT): Rule(frozenset({Role.MANAGER})),
    (Kind.LEARNER, Action.VIEW): Rule(STAFF),
    (Kind.LEARNER, Action.CHANGE): Rule(STAFF),
    (Kind.LEARNER, Action.REPORT): Rule(STAFF, taught=True),
    (Kind.HOUSEHOLD, Action.VIEW): Rule(STAFF),
    (Kind.HOUSEHOLD, Action.CHANGE): Rule(STAFF),
    (Kind.CLASS, Action.VIEW): Rule(STAFF, taught=True),
    (Kind.CLASS, Action.TEACH): Rule(STAFF, taught=True),
    (Kind.CLASS, Action.CHANGE): Rule(STAFF),
    (Kind.CLAIM, Action.VIEW): Rule(REVIEWERS, own=True),
    (Kind.CLAIM, Action.REVIEW): Rule(REVIEWERS),
    (Kind.CERTIFICATE, Action.VIEW): Rule(frozenset({Role.TRAINER, Role.MANAGER})),
    (Kind.CERTIFICATE, Action.REVOKE): Rule(frozenset({Role.TRAINER, Role.MANAGER})),
    (Kind.HELPER, Action.CHANGE): Rule(frozenset({Role.MANAGER})),
    # A village's requests for help: its own helpers, and managers over it
    # (who follow up but leave taking and closing to the helpers).
    (Kind.HELP_REQUEST, Action.VIEW): Rule(frozenset({Role.MANAGER}), helped=True),
    (Kind.HELP_REQUEST, Action.CHANGE): Rule(frozenset(), helped=True),
    (Kind.EVENT, Action.VIEW): Rule(STAFF),  # the event's sign-ups and figures
    (Kind.EVENT, Action.TEACH): Rule(STAFF),  # check people in, register walk-ins
}

MODELS = {
    Kind.PLACE: Place,
    Kind.LEARNER: Learner,
    Kind.HOUSEHOLD: Household,
    Kind.CLASS: TrainingClass,
    Kind.CLAIM: CertificateClaim,
    Kind.CERTIFICATE: Certificate,
    Kind.HELPER: VillageHelper,
    Kind.HELP_REQUEST: HelpRequest,
    Kind.EVENT: EventHost,
}

# Where each kind's place path is, for the prefix match against the grants.
PLACE_PATH = {
    Kind.PLACE: "path",
    Kind.LEARNER: "village__path",
    Kind.HOUSEHOLD: "village__path",
    Kind.CLASS: "place__path",
    Kind.CLAIM: "learner__village__path",
    Kind.CERTIFICATE: "learner__village__path",
    Kind.HELPER: "village__path",
    Kind.HELP_REQUEST: "village__path",
    Kind.EVENT: "place__path",
}

OWNER = {Kind.CLAIM: "learner__user"}


def rule(kind: Kind, action: Action) -> Rule:
    try:
        return POLICY[kind, action]
    except KeyError:
        raise LookupError(f"No access rule for {action} on {kind}") from None


def granted_paths(user, roles=None) -> list[str]:
    """Materialised paths of the places ``user`` holds an active grant over
    (in any of ``roles``). Read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lms_grant_paths", None)
    if cached is None:
        cached = list(
            Grant.objects.active()
            .filter(user=user, place__isnull=False)
            .values_list("role", "place__path")
        )
        user._lms_grant_paths = cached
    return sorted({path for role, path in cached if roles is None or role in roles})


def grant_roles(user) -> set[str]:
    """The roles of ``user``'s active grants."""
    granted_paths(user)
    return {role for role, _path in getattr(user, "_lms_grant_paths", [])}


def teaches_a_class(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return TrainingClass.trainers.through.objects.filter(user_id=user.pk).exists()


def paths_q(path_lookup: str, paths) -> Q:
    """A Q matching rows whose place path lies at or below one of ``paths``."""
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{path_lookup}__startswith": path})
    return query


def _taught_q(kind: Kind, user) -> Q:
    if kind is Kind.CLASS:
        taught = TrainingClass.trainers.through.objects.filter(
            user_id=user.pk, trainingclass_id=OuterRef("pk")
        )
    elif kind is Kind.LEARNER:
        taught = TrainingClass.learners.through.objects.filter(
            learner_id=OuterRef("pk"), trainingclass__trainers=user
        )
    else:  # pragma: no cover - a table row the code does not know
        raise LookupError(f"No taught-class rule for {kind}")
    return Q(Exists(taught))


def _helped_q(user) -> Q:
    """Rows in the villages where ``user`` is an active helper."""
    helps = VillageHelper.objects.filter(
        user_id=user.pk, active=True, village_id=OuterRef("village_id")
    )
    return Q(Exists(helps))


def is_village_helper(user) -> bool:
    """Whether ``user`` is linked to an active village helper."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return VillageHelper.objects.filter(user_id=user.pk, active=True).exists()


def scoped(user, kind: Kind, action: Action, queryset: QuerySet | None = None) -> QuerySet:
    """``queryset`` (every object of ``kind`` by default) narrowed to what
    ``user`` may ``action``, by the table."""
    the_rule = rule(kind, action)
    if queryset is None:
        queryset = MODELS[kind].objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    query = paths_q(PLACE_PATH[kind], granted_paths(user, the_rule.roles))
    if the_rule.taught:
        query |= _taught_q(kind, user)
    if the_rule.own:
        query |= Q(**{OWNER[kind]: user})
    if the_rule.helped:
        query |= _helped_q(user)
    return queryset.filter(query)


def allows(user, action: Action, obj) -> bool:
    """Whether ``user`` may ``action`` on ``obj`` (one indexed query)."""
    kind = next(kind for kind, model in MODELS.items() if isinstance(obj, model))
    return scoped(user, kind, action).filter(pk=obj.pk).exists()


def places_for(user, action: Action = Action.VIEW, queryset=None) -> QuerySet[Place]:
    return scoped(user, Kind.PLACE, action, queryset)


def villages_for(user, action: Action = Action.VIEW) -> QuerySet[Place]:
    return places_for(user, action).villages()


def learners_for(user, action: Action = Action.VIEW, queryset=None) -> QuerySet[Learner]:
    return scoped(user, Kind.LEARNER, action, queryset)


def households_for(user, action: Action = Action.VIEW, queryset=None) -> QuerySet[Household]:
    return scoped(user, Kind.HOUSEHOLD, action, queryset)


def classes_for(user, action: Action = Action.VIEW, queryset=None) -> QuerySet[TrainingClass]:
    return scoped(user, Kind.CLASS, action, queryset)


def claims_for(user, action: Action = Action.REVIEW, queryset=None) -> QuerySet[CertificateClaim]:
    return scoped(user, Kind.CLAIM, action, queryset)


def help_requests_for(user, action: Action = Action.VIEW, queryset=None) -> QuerySet[HelpRequest]:
    return scoped(user, Kind.HELP_REQUEST, action, queryset)


def helpers_for(user, action: Action = Action.CHANGE, queryset=None) -> QuerySet[VillageHelper]:
    return scoped(user, Kind.HELPER, action, queryset)


def events_for(user, action: Action = Action.VIEW, queryset=None) -> QuerySet[EventHost]:
    """The events (their ``EventHost`` rows) held at places in ``user``'s scope."""
    return scoped(user, Kind.EVENT, action, queryset)


def certificates_for(user, action: Action = Action.VIEW, queryset=None) -> QuerySet[Certificate]:
    return scoped(user, Kind.CERTIFICATE, action, queryset)
