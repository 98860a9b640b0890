import pytest
from django.urls import reverse

from courses.models import TargetGroup
from lms.models import Household, Learner
from lms.people.services import household_create
from lms.text import name_sort_key
from tests.lms.factories import LearnerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(client, places):
    learner = LearnerFactory(full_name="Nguyễn Thị Lan", village=places["a1"])
    client.force_login(learner.user)
    return learner


def profile_data(places, **overrides):
    data = {
        "full_name": "Nguyễn Thị Lan",
        "village": places["a1"].pk,
        "year_of_birth": "1970",
        "gender": "female",
        "digital_id_status": "vneid1",
    }
    data.update(overrides)
    return data


def test_learner_updates_their_profile(client, lan, places):
    group = TargetGroup.objects.create(name="Người cao tuổi", slug="nguoi-cao-tuoi")
    response = client.post(reverse("lms:profile"), profile_data(places, target_groups=[group.pk]))
    assert response.status_code == 302
    lan.refresh_from_db()
    assert lan.gender == "female" and lan.digital_id_status == "vneid1"
    assert list(lan.target_groups.all()) == [group]


def test_a_learner_cannot_confirm_their_own_digital_identity(client, lan, places):
    client.post(
        reverse("lms:profile"),
        profile_data(places, digital_id_confirmed_by=lan.user.pk, digital_id_confirmed_at="x"),
    )
    lan.refresh_from_db()
    assert lan.digital_id_confirmed_by is None


def test_changing_the_status_clears_a_staff_confirmation(client, lan, places):
    from lms.models import Role
    from lms.people.services import digital_id_set
    from tests.lms.factories import staff

    trainer = staff(Role.TRAINER, places["a1"])
    digital_id_set(learner=lan, status="vneid1", by=trainer, confirmed=True)
    client.post(reverse("lms:profile"), profile_data(places, digital_id_status="vneid1"))
    lan.refresh_from_db()
    assert lan.digital_id_confirmed_by == trainer  # the same status: still confirmed
    client.post(reverse("lms:profile"), profile_data(places, digital_id_status="vneid2"))
    lan.refresh_from_db()
    assert lan.digital_id_status == "vneid2" and lan.digital_id_confirmed_at is None


def test_forging_another_users_id_changes_only_my_profile(client, lan, places):
    other = LearnerFactory(full_name="Trần Văn Khác", village=places["a2"])
    client.post(
        reverse("lms:profile"),
        profile_data(places, full_name="Nguyễn Thị Lan Anh", user=other.user.pk, pk=other.pk),
    )
    other.refresh_from_db()
    lan.refresh_from_db()
    assert other.full_name == "Trần Văn Khác"
    assert lan.full_name == "Nguyễn Thị Lan Anh"


def test_an_unknown_village_id_saves_nothing(client, lan, places):
    response = client.post(reverse("lms:profile"), profile_data(places, village=999999))
    assert response.status_code == 200
    lan.refresh_from_db()
    assert lan.village == places["a1"]


def test_users_without_a_profile_are_asked_for_one(client, places):
    user = UserFactory(username="newcomer")
    client.force_login(user)
    response = client.get(reverse("lms:profile"))
    assert response.templates[0].name == "lms/profile_create.html"
    response = client.post(
        reverse("lms:profile"),
        {"full_name": "Lê Văn Mới", "village": places["a2"].pk, "consent": "on"},
    )
    assert response.status_code == 302
    assert Learner.objects.get(user=user).village == places["a2"]


def test_household_code_is_shown_to_members_and_joining_works(client, lan, places):
    household = household_create(village=places["a1"], name="Hộ bà Lan")
    lan.household = household
    lan.save()
    assert household.code in client.get(reverse("lms:household")).content.decode()
    neighbour = LearnerFactory(village=places["a1"])
    client.force_login(neighbour.user)
    assert household.code not in client.get(reverse("lms:household")).content.decode()
    client.post(reverse("lms:household"), {"action": "join", "code": household.code.lower()})
    neighbour.refresh_from_db()
    assert neighbour.household == household


def test_unknown_household_code_changes_nothing(client, lan):
    response = client.post(reverse("lms:household"), {"action": "join", "code": "ABCD2345"})
    assert response.status_code == 200
    assert response.context["form"].errors
    lan.refresh_from_db()
    assert lan.household is None


def test_learner_starts_a_household(client, lan):
    client.post(reverse("lms:household"), {"action": "create"})
    lan.refresh_from_db()
    assert lan.household.village == lan.village
    assert len(lan.household.code) == 8
    assert Household.objects.count() == 1


def test_the_new_household_is_named_after_the_learner_who_started_it(client, lan):
    response = client.post(reverse("lms:household"), {"action": "create"}, follow=True)
    household = Household.objects.get()
    assert household.name == "Hộ Nguyễn Thị Lan" and household.created_by == lan.user
    assert [str(m) for m in response.context["messages"]] == [
        "Đã tạo hộ gia đình. Hãy chia sẻ mã hộ cho người trong nhà."
    ]
    client.post(reverse("lms:household"), {"action": "create"})  # already in one: nothing new
    assert Household.objects.count() == 1


def test_a_learner_leaves_and_the_household_stays_for_the_others(client, lan, places):
    household = household_create(village=places["a1"], name="Hộ bà Lan")
    neighbour = LearnerFactory(village=places["a1"], household=household)
    lan.household = household
    lan.save()
    response = client.post(reverse("lms:household"), {"action": "leave"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Bạn đã rời hộ gia đình."]
    lan.refresh_from_db()
    assert lan.household is None
    assert list(household.members.all()) == [neighbour]


def test_lists_sort_by_given_name_then_family_name():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Hùng", "Phạm Thị Hoa", "Đỗ Văn Bình"]
    assert sorted(names, key=name_sort_key) == [
        "Trần Thị An",
        "Đỗ Văn Bình",
        "Nguyễn Văn Bình",
        "Phạm Thị Hoa",
        "Lê Văn Hùng",
    ]


def test_staff_search_ignores_diacritics(client, places):
    from lms.models import Role
    from tests.lms.factories import staff

    LearnerFactory(full_name="Đặng Thị Hương", village=places["a1"])
    client.force_login(staff(Role.TRAINER, places["a1"]))
    html = client.get(reverse("lms:staff_learners"), {"q": "dang huong"}).content.decode()
    assert "Đặng Thị Hương" in html
