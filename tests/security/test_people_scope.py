"""A trainer or manager of one place sees nothing of another: lists, details,
exports and sign-in cards (the only learner files so far)."""

import pytest
from django.urls import reverse

from lms.access.policy import learners_for
from lms.models import AuditAction, AuditEntry, Role, SignInToken
from tests.lms.factories import LearnerFactory, UserFactory, place_tree, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    places = place_tree()
    learners = {
        key: LearnerFactory(full_name=f"Người Học {key.upper()}", village=places[key])
        for key in ("a1", "a2", "b1", "b2")
    }
    return places, learners


# (role, place key of the grant) -> learners that must be visible
MATRIX = [
    (Role.TRAINER, "a1", {"a1"}),
    (Role.AMBASSADOR, "a2", {"a2"}),
    (Role.MANAGER, "commune_a", {"a1", "a2"}),
    (Role.MANAGER, "commune_b", {"b1", "b2"}),
    (Role.MANAGER, "province", {"a1", "a2", "b1", "b2"}),
]


@pytest.mark.parametrize(("role", "scope", "visible"), MATRIX)
def test_scoped_queryset(world, role, scope, visible):
    places, learners = world
    user = staff(role, places[scope])
    expected = {learners[key].pk for key in visible}
    assert set(learners_for(user).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize(("role", "scope", "visible"), MATRIX)
def test_list_detail_export_and_cards_follow_the_scope(client, world, role, scope, visible):
    places, learners = world
    user = staff(role, places[scope])
    client.force_login(user)
    html = client.get(reverse("lms:staff_learners")).content.decode()
    csv = client.get(reverse("lms:staff_learners_export")).getvalue().decode()
    for key, learner in learners.items():
        detail = client.get(reverse("lms:staff_learner_detail", args=[learner.pk]))
        card = client.post(reverse("lms:staff_card", args=[learner.pk]))
        revoke = client.post(reverse("lms:staff_card_revoke", args=[learner.pk]))
        confirm = client.post(reverse("lms:staff_confirm_digital_id", args=[learner.pk]))
        if key in visible:
            assert learner.full_name in html and learner.full_name in csv
            assert detail.status_code == 200
            assert card.status_code == 200
            assert revoke.status_code == 302
        else:
            assert learner.full_name not in html, key
            assert learner.full_name not in csv, key
            assert detail.status_code == 404
            assert card.status_code == 404
            assert revoke.status_code == 404
            assert confirm.status_code == 404
            assert not SignInToken.objects.filter(learner=learner).exists()


def test_filtering_by_another_places_village_shows_nothing(client, world):
    places, learners = world
    client.force_login(staff(Role.TRAINER, places["a1"]))
    response = client.get(reverse("lms:staff_learners"), {"village": places["b1"].pk})
    assert learners["b1"].full_name not in response.content.decode()
    response = client.get(reverse("lms:staff_learners_export"), {"village": places["b1"].pk})
    assert learners["b1"].full_name not in response.getvalue().decode()


def test_a_revoked_grant_sees_nothing(client, world):
    places, _learners = world
    user = staff(Role.TRAINER, places["a1"])
    user.grants.update(revoked_at="2026-01-01T00:00:00Z")
    client.force_login(user)
    assert client.get(reverse("lms:staff_learners")).status_code == 403
    assert not learners_for(user).exists()


@pytest.mark.parametrize(
    "name",
    ["staff_learners", "staff_learners_export", "staff_register"],
)
def test_learners_and_anonymous_visitors_cannot_use_staff_pages(client, world, name):
    _places, learners = world
    response = client.get(reverse(f"lms:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('account_login')}?next=")  # to sign in
    client.force_login(learners["a1"].user)
    assert client.get(reverse(f"lms:{name}")).status_code == 403


def test_a_learner_cannot_open_another_learners_details(client, world):
    _places, learners = world
    client.force_login(learners["a1"].user)
    url = reverse("lms:staff_learner_detail", args=[learners["a2"].pk])
    assert client.get(url).status_code == 403


def test_every_staff_view_and_export_is_audited(client, world):
    places, learners = world
    user = staff(Role.TRAINER, places["a1"])
    client.force_login(user)
    client.get(reverse("lms:staff_learners"))
    client.get(reverse("lms:staff_learner_detail", args=[learners["a1"].pk]))
    client.get(reverse("lms:staff_learners_export"))
    client.post(reverse("lms:staff_card", args=[learners["a1"].pk]))
    entries = list(AuditEntry.objects.filter(actor=user).order_by("pk"))
    assert [e.action for e in entries] == [
        AuditAction.VIEW_LIST,
        AuditAction.VIEW_LEARNER,
        AuditAction.EXPORT,
        AuditAction.PRINT_CARD,
    ]
    assert entries[1].learner_id == learners["a1"].pk
    assert entries[2].detail["rows"] == 1
    assert all(e.actor_label == user.username for e in entries)


def test_the_audit_log_is_read_only_for_admins_and_hidden_from_others(client, world):
    places, _learners = world
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(admin, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    AuditEntry.objects.create(actor_label="x", action=AuditAction.EXPORT)
    client.force_login(admin)
    changelist = reverse("admin:lms_auditentry_changelist")
    assert client.get(changelist).status_code == 200
    entry = AuditEntry.objects.get()
    assert client.post(reverse("admin:lms_auditentry_delete", args=[entry.pk])).status_code == 403
    assert client.get(reverse("admin:lms_auditentry_add")).status_code == 403
    manager = staff(Role.MANAGER, places["province"])
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    assert client.get(changelist).status_code == 403


def test_staff_list_queries_do_not_grow_with_learners(client, world, django_assert_max_num_queries):
    places, _learners = world
    user = staff(Role.MANAGER, places["province"])
    client.force_login(user)
    client.get(reverse("lms:staff_learners"))
    for i in range(30):
        LearnerFactory(village=places["a1"], full_name=f"Trần Văn Số{i}")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("lms:staff_learners")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("lms:staff_learners_export")).status_code == 200
