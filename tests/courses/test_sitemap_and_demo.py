import io

import pytest
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Page, Workflow

from courses.models import (
    CataloguePage,
    CoursePage,
    FourTProgramPage,
    LessonPage,
    NationalCourse,
    SkillArea,
    TargetGroup,
)


def test_sitemap_lists_every_live_course_and_lesson(client, demo_site):
    draft = CoursePage.objects.live().first()
    draft.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    live = list(CoursePage.objects.live()) + list(LessonPage.objects.live())
    assert live
    for page in live:
        assert f"<loc>http://localhost{page.url}</loc>" in xml
    assert f"<loc>http://localhost{draft.url}</loc>" not in xml


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            CoursePage,
            LessonPage,
            NationalCourse,
            TargetGroup,
            SkillArea,
            Workflow,
        )
    }


def test_demo_content_is_rich_enough_and_seeding_twice_changes_nothing(demo_site):
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before

    assert CataloguePage.objects.live().count() == 1
    program = FourTProgramPage.objects.live().get()
    grouped = program.courses_by_pillar()
    assert len(grouped) == 4 and all(len(courses) == 1 for courses in grouped.values())
    local = CoursePage.objects.live().child_of(CataloguePage.objects.get())
    assert local.count() >= 3
    for course in CoursePage.objects.live():
        lessons = course.lesson_pages()
        assert lessons.count() >= 3
        assert all(lesson.knowledge_check_questions() for lesson in lessons)
    block_types = {block.block_type for lesson in LessonPage.objects.all() for block in lesson.body}
    assert len(block_types) >= 8
    nationals = NationalCourse.objects.active()
    assert nationals.count() >= 6
    assert all(c.url.startswith("https://binhdanhocvuso.gov.vn/") for c in nationals)
    assert SkillArea.objects.pillars().count() == 4
    assert SkillArea.objects.basic_skills().count() == 5


@pytest.mark.django_db
def test_every_demo_page_renders(client, demo_site):
    pages = Page.objects.live().specific().filter(depth__gte=2)
    assert pages.count() > 10
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode(), page.url  # its own content
