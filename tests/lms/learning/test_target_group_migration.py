"""Migration 0009 moves learners onto the catalogue's target groups: nobody
loses a group, matching groups are reused and the others are created."""

import pytest

from tests.lms.migration_helpers import apps_before, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("lms", "0008_quarterly_reports_and_reminders")]
AFTER = [("lms", "0009_learners_use_course_target_groups")]


@pytest.fixture
def old_apps():
    yield from apps_before(BEFORE)


def groups_of(apps, username):
    learner = apps.get_model("lms", "Learner").objects.get(user__username=username)
    return sorted(learner.target_groups.values_list("slug", flat=True))


def test_learners_keep_their_groups_on_the_course_target_groups(old_apps):
    CourseGroup = old_apps.get_model("courses", "TargetGroup")
    OldGroup = old_apps.get_model("lms", "TargetGroup")
    Learner = old_apps.get_model("lms", "Learner")
    User = old_apps.get_model("cms", "User")
    Place = old_apps.get_model("lms", "Place")

    elderly = CourseGroup.objects.create(name="Người cao tuổi", slug="nguoi-cao-tuoi")
    officials = CourseGroup.objects.create(
        name="Cán bộ, công chức, viên chức", slug="can-bo-cong-chuc"
    )
    CourseGroup.objects.create(name="Người dân", slug="nguoi-dan")
    old_elderly = OldGroup.objects.create(name="Người già", slug="nguoi-cao-tuoi")
    old_officials = OldGroup.objects.create(name="Cán bộ, công chức, viên chức", slug="can-bo")
    volunteers = OldGroup.objects.create(
        name="Đoàn viên, thanh niên tình nguyện",
        slug="thanh-nien-tinh-nguyen",
        description="Giúp người dân dùng công nghệ số.",
        sort_order=7,
    )
    village = Place.objects.create(path="0001", depth=1, name="Thôn 1", kind="village", code="1")

    def learner(username, *groups):
        user = User.objects.create(username=username)
        person = Learner.objects.create(
            user=user, full_name=username, sort_name=username, village=village
        )
        person.target_groups.set(groups)

    learner("lan", old_elderly, volunteers)
    learner("duc", old_officials, old_elderly)
    learner("hoa")

    new_apps = migrate(AFTER)

    # Same slug reused (whatever its old name), same name reused, the rest created.
    assert groups_of(new_apps, "lan") == ["nguoi-cao-tuoi", "thanh-nien-tinh-nguyen"]
    assert groups_of(new_apps, "duc") == ["can-bo-cong-chuc", "nguoi-cao-tuoi"]
    assert groups_of(new_apps, "hoa") == []
    CourseGroup = new_apps.get_model("courses", "TargetGroup")
    assert CourseGroup.objects.count() == 4
    created = CourseGroup.objects.get(slug="thanh-nien-tinh-nguyen")
    assert created.name == "Đoàn viên, thanh niên tình nguyện"
    assert created.description == "Giúp người dân dùng công nghệ số." and created.sort_order == 7
    assert CourseGroup.objects.get(pk=elderly.pk).name == "Người cao tuổi"
    assert CourseGroup.objects.get(pk=officials.pk).learners.count() == 1
    with pytest.raises(LookupError):
        new_apps.get_model("lms", "TargetGroup")

    # Going back recreates the old groups from the course groups learners are in.
    back_apps = migrate(BEFORE)
    assert groups_of(back_apps, "lan") == ["nguoi-cao-tuoi", "thanh-nien-tinh-nguyen"]
    assert groups_of(back_apps, "duc") == ["can-bo-cong-chuc", "nguoi-cao-tuoi"]
    assert back_apps.get_model("lms", "TargetGroup").objects.count() == 3
