"""Staff keep the households of their own villages: list them with their codes,
start one, add and take out members; nothing outside their area."""

import pytest
from django.urls import reverse

from lms.models import AuditAction, AuditEntry, Household, Learner, Role
from lms.people.services import household_create
from tests.lms.factories import LearnerFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(places):
    """A household in Khóm 1 with Lan, one in Khóm 2, one in Thôn Một (commune B)."""
    a1 = household_create(village=places["a1"], name="Hộ ông Nguyễn Văn Ba")
    a2 = household_create(village=places["a2"], name="Hộ bà Lê Thị Tư")
    b1 = household_create(village=places["b1"], name="Hộ ông Trần Văn Năm")
    lan = LearnerFactory(full_name="Nguyễn Thị Lan", village=places["a1"], household=a1)
    return {"a1": a1, "a2": a2, "b1": b1, "lan": lan}


@pytest.fixture
def trainer(client, places):
    """A trainer of the village Khóm 1 only."""
    user = staff(Role.TRAINER, places["a1"])
    client.force_login(user)
    return user


@pytest.fixture
def manager(client, places):
    """A manager of commune A (Khóm 1 and Khóm 2)."""
    user = staff(Role.MANAGER, places["commune_a"])
    client.force_login(user)
    return user


def listed(response) -> list[str]:
    return [household.name for household in response.context["page_obj"]]


def test_the_list_shows_the_households_in_scope_with_members_and_code(client, trainer, homes):
    response = client.get(reverse("lms:staff_households"))
    assert response.status_code == 200
    assert listed(response) == ["Hộ ông Nguyễn Văn Ba"]
    html = response.content.decode()
    assert homes["a1"].code in html
    assert homes["a2"].code not in html and homes["b1"].code not in html
    assert response.context["page_obj"][0].member_count == 1
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_LIST)
    assert entry.actor == trainer and entry.detail["list"] == "households"


def test_a_manager_sees_every_village_of_the_commune_and_can_filter(client, manager, homes, places):
    response = client.get(reverse("lms:staff_households"))
    assert listed(response) == ["Hộ ông Nguyễn Văn Ba", "Hộ bà Lê Thị Tư"]
    response = client.get(reverse("lms:staff_households"), {"village": places["a2"].pk})
    assert listed(response) == ["Hộ bà Lê Thị Tư"]
    # Filtering by another commune's village shows nothing rather than its households.
    response = client.get(reverse("lms:staff_households"), {"village": places["b1"].pk})
    assert listed(response) == []


def test_the_staff_navigation_links_to_households(client, trainer):
    html = client.get(reverse("lms:staff_learners")).content.decode()
    assert f'href="{reverse("lms:staff_households")}"' in html


def test_a_trainer_creates_a_household_in_their_village(client, trainer, places):
    response = client.post(
        reverse("lms:staff_households"),
        {"village": places["a1"].pk, "name": "  Hộ  ông Hồ Văn Lành "},
    )
    household = Household.objects.get()
    assert response["Location"] == reverse("lms:staff_household_detail", args=[household.pk])
    assert household.name == "Hộ ông Hồ Văn Lành"
    assert household.village == places["a1"] and household.created_by == trainer
    page = client.get(response["Location"])
    assert household.code in page.content.decode()


@pytest.mark.parametrize("village", ["a2", "b1", "commune_a"])
def test_a_village_outside_scope_or_not_a_village_is_refused(client, trainer, places, village):
    response = client.post(
        reverse("lms:staff_households"), {"village": places[village].pk, "name": "Hộ mới"}
    )
    assert response.status_code == 200
    assert "village" in response.context["form"].errors
    assert not Household.objects.exists()


def test_a_forged_village_id_and_an_empty_name_are_refused(client, trainer, places):
    for data in ({"village": "999999", "name": "Hộ mới"}, {"village": places["a1"].pk}):
        response = client.post(reverse("lms:staff_households"), data)
        assert response.status_code == 200 and response.context["form"].errors
    assert not Household.objects.exists()


def test_a_name_already_used_in_the_village_is_refused_with_the_existing_code(
    client, trainer, homes, places
):
    response = client.post(
        reverse("lms:staff_households"),
        {"village": places["a1"].pk, "name": "ho ong nguyen van  ba"},
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert homes["a1"].code in errors
    assert Household.objects.filter(village=places["a1"]).count() == 1


def test_the_same_name_in_another_village_is_fine(client, manager, homes, places):
    client.post(
        reverse("lms:staff_households"),
        {"village": places["a2"].pk, "name": "Hộ ông Nguyễn Văn Ba"},
    )
    assert Household.objects.filter(name="Hộ ông Nguyễn Văn Ba").count() == 2


def test_a_household_outside_scope_is_a_404_for_every_page(client, trainer, homes, places):
    other = homes["b1"]
    mai = LearnerFactory(full_name="Lê Thị Mai", village=places["b1"], household=other)
    hung = LearnerFactory(full_name="Phan Văn Hùng", village=places["b1"])
    assert client.get(reverse("lms:staff_household_detail", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("lms:staff_household_members_add", args=[other.pk]), {"learner": [hung.pk]}
    )
    assert response.status_code == 404
    response = client.post(reverse("lms:staff_household_member_remove", args=[other.pk, mai.pk]))
    assert response.status_code == 404
    mai.refresh_from_db()
    hung.refresh_from_db()
    assert mai.household == other and hung.household is None


def test_members_are_added_from_the_village_and_moved_from_another_household(
    client, trainer, homes, places
):
    home = household_create(village=places["a1"], name="Hộ ông Hồ Văn Lành")
    duc = LearnerFactory(full_name="Hồ Văn Đức", village=places["a1"])
    detail = client.get(reverse("lms:staff_household_detail", args=[home.pk]))
    candidates = [learner.full_name for learner in detail.context["candidates"]]
    assert candidates == ["Hồ Văn Đức", "Nguyễn Thị Lan"]  # sorted by given name
    found = client.get(reverse("lms:staff_household_detail", args=[home.pk]), {"q": "duc"})
    assert [learner.pk for learner in found.context["candidates"]] == [duc.pk]

    response = client.post(
        reverse("lms:staff_household_members_add", args=[home.pk]),
        {"learner": [duc.pk, homes["lan"].pk]},
    )
    assert response.status_code == 302
    assert set(home.members.values_list("full_name", flat=True)) == {"Hồ Văn Đức", "Nguyễn Thị Lan"}
    assert not homes["a1"].members.exists()
    detail = client.get(reverse("lms:staff_household_detail", args=[home.pk]))
    assert [learner.full_name for learner in detail.context["members"]] == [
        "Hồ Văn Đức",
        "Nguyễn Thị Lan",
    ]


@pytest.mark.parametrize(
    "who", ["other_village", "other_commune", "forged", "not_a_number", "not_a_decimal_digit"]
)
def test_a_learner_who_cannot_join_refuses_the_whole_request(client, manager, homes, places, who):
    duc = LearnerFactory(full_name="Hồ Văn Đức", village=places["a1"])
    outsider = {
        "other_village": lambda: LearnerFactory(village=places["a2"]).pk,
        "other_commune": lambda: LearnerFactory(village=places["b1"]).pk,
        "forged": lambda: 999999,
        "not_a_number": lambda: "1 OR 1=1",
        "not_a_decimal_digit": lambda: "²",  # a digit to str.isdigit(), not to int()
    }[who]()
    response = client.post(
        reverse("lms:staff_household_members_add", args=[homes["a1"].pk]),
        {"learner": [duc.pk, outsider]},
        follow=True,
    )
    assert response.status_code == 200
    assert list(homes["a1"].members.all()) == [homes["lan"]]
    assert Learner.objects.filter(household__isnull=False).count() == 1
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_a_member_is_taken_out_and_stays_a_learner(client, trainer, homes):
    lan = homes["lan"]
    response = client.post(
        reverse("lms:staff_household_member_remove", args=[homes["a1"].pk, lan.pk])
    )
    assert response["Location"] == reverse("lms:staff_household_detail", args=[homes["a1"].pk])
    lan.refresh_from_db()
    assert lan.household is None and lan.village == homes["a1"].village


def test_taking_out_someone_who_is_not_a_member_is_a_404(client, manager, homes, places):
    stranger = LearnerFactory(village=places["a1"])
    response = client.post(
        reverse("lms:staff_household_member_remove", args=[homes["a1"].pk, stranger.pk])
    )
    assert response.status_code == 404


def test_learners_cannot_open_the_staff_household_pages(client, homes):
    client.force_login(homes["lan"].user)
    assert client.get(reverse("lms:staff_households")).status_code == 403
    detail = reverse("lms:staff_household_detail", args=[homes["a1"].pk])
    assert client.get(detail).status_code == 403


def test_the_learner_page_links_to_their_household(client, trainer, homes):
    url = reverse("lms:staff_learner_detail", args=[homes["lan"].pk])
    html = client.get(url).content.decode()
    assert reverse("lms:staff_household_detail", args=[homes["a1"].pk]) in html
