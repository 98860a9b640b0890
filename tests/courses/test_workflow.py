"""Editors write and submit; moderators approve; editors never reach users or settings."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.demo import EDITORS, MODERATORS, seed_editorial_workflow
from courses.models import CoursePage
from tests.wagtail_admin import assert_refused


@pytest.fixture
def people(catalogue, with_authenticator):
    from django.contrib.auth.models import Group

    seed_editorial_workflow(catalogue)
    User = get_user_model()
    editor = User.objects.create_user("bientap", "bientap@example.vn", "x")
    moderator = User.objects.create_user("kiemduyet", "kiemduyet@example.vn", "x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    return with_authenticator(editor), with_authenticator(moderator)


def course_form(**extra):
    return nested_form_data(
        {
            "title": "Khóa học mới",
            "slug": "khoa-hoc-moi",
            "summary": "Một khóa học do biên tập viên soạn.",
            "description": rich_text(""),
            "level": "beginner",
            "estimated_minutes": 20,
            "final_check": streamfield([]),
            **extra,
        }
    )


def test_seeding_the_workflow_twice_changes_nothing(catalogue):
    first = seed_editorial_workflow(catalogue)
    assert seed_editorial_workflow(catalogue) == first
    assert catalogue.get_workflow() == first


def test_editor_submits_and_moderator_approves(client, catalogue, people):
    editor, moderator = people
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/courses/coursepage/{catalogue.pk}/",
        course_form(**{"action-submit": "submit"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CoursePage.objects.get(slug="khoa-hoc-moi")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # An editor cannot publish on their own.
    client.post(f"/admin/pages/{page.pk}/edit/", course_form(**{"action-publish": "publish"}))
    page.refresh_from_db()
    assert not page.live

    client.force_login(moderator)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


@pytest.mark.parametrize(
    "url", ["/admin/users/", "/admin/groups/", "/admin/settings/cms/siteidentity/"]
)
def test_editors_cannot_reach_users_or_site_settings(client, people, url):
    editor, _ = people
    client.force_login(editor)
    assert_refused(client.get(url))


def test_editors_can_open_course_pages_and_the_national_catalogue(client, catalogue, people):
    editor, _ = people
    client.force_login(editor)
    assert client.get(f"/admin/pages/{catalogue.pk}/").status_code == 200
    assert client.get("/admin/snippets/courses/nationalcourse/").status_code == 200
    assert client.get("/admin/snippets/courses/nationalcourse/add/").status_code == 200


def test_editors_and_moderators_work_on_the_catalogue_only(client, catalogue, people):
    home = catalogue.get_parent()
    for user in people:
        client.force_login(user)
        assert_refused(client.get(f"/admin/pages/{home.pk}/edit/"))
        assert client.get(f"/admin/pages/{catalogue.pk}/edit/").status_code == 200
