"""Demo courses, national-course entries and the editorial workflow.

Idempotent: pages, snippets, files and permissions are found by slug, URL or
title before anything is created, so running it again changes nothing.
Pictures, recordings and handouts are generated on the spot (no network).
"""

from __future__ import annotations

import io
import math
import struct
import wave

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from . import demo_content as content
from .models import (
    CataloguePage,
    CoursePage,
    FourTProgramPage,
    LessonPage,
    NationalCourse,
    ProgramCourse,
    SkillArea,
    TargetGroup,
)

CATALOGUE_TITLE = "Khóa học"
CATALOGUE_SLUG = "khoa-hoc"
EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Duyệt nội dung khóa học"
TASK_NAME = "Tổ kiểm duyệt phê duyệt"


# --- Files ------------------------------------------------------------------------
def _png(colour: tuple[int, int, int], size=(640, 360)) -> bytes:
    """A plain illustration: a phone outline on a coloured background."""
    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    phone = (width // 2 - 70, 30, width // 2 + 70, height - 30)
    draw.rounded_rectangle(phone, radius=18, fill=(255, 255, 255), outline=(26, 26, 26), width=6)
    draw.rectangle(
        (phone[0] + 14, phone[1] + 30, phone[2] - 14, phone[3] - 40), fill=(243, 246, 249)
    )
    for row in range(3):
        y = phone[1] + 50 + row * 60
        for col in range(2):
            x = phone[0] + 28 + col * 50
            draw.rounded_rectangle((x, y, x + 34, y + 34), radius=8, fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _image(title: str, colour: tuple[int, int, int]):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(
            title=title, file=ImageFile(io.BytesIO(_png(colour)), name=f"{_ascii(title)}.png")
        )
        image.save()
    return image


def _wav(seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A short, quiet tone standing in for a recorded explanation."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = b"".join(
            struct.pack("<h", int(2000 * math.sin(2 * math.pi * 440 * i / rate)))
            for i in range(int(seconds * rate))
        )
        out.writeframes(frames)
    return buffer.getvalue()


def _pdf(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    PILImage.open(io.BytesIO(_png(colour, (595, 842)))).convert("RGB").save(buffer, format="PDF")
    return buffer.getvalue()


def _document(title: str, filename: str, data: bytes):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(data), save=False)
        document.save()
    return document


def _ascii(text: str) -> str:
    from django.utils.text import slugify

    from .text import fold

    return slugify(fold(text))[:60] or "demo"


# --- Taxonomy and national courses -------------------------------------------------
def seed_target_groups() -> None:
    """The target groups courses are filed under and learners say they belong to."""
    for order, (slug, name, description) in enumerate(content.TARGET_GROUPS):
        TargetGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


def seed_taxonomy() -> None:
    seed_target_groups()
    for kind, rows in (
        (SkillArea.Kind.BASIC_SKILL, content.BASIC_SKILLS),
        (SkillArea.Kind.PILLAR, content.PILLARS),
    ):
        for order, (slug, name, description) in enumerate(rows):
            SkillArea.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "description": description,
                    "sort_order": order,
                },
            )


def seed_national_courses() -> list[NationalCourse]:
    courses = []
    for entry in content.NATIONAL_COURSES:
        course, created = NationalCourse.objects.get_or_create(
            url=entry["url"],
            defaults={
                "title": entry["title"],
                "platform": "Bình dân học vụ số",
                "description": entry["description"],
                "issues_certificate": True,
                "certificate_hint": content.CERTIFICATE_HINT,
            },
        )
        if created:
            course.full_clean()
            course.target_groups.set(TargetGroup.objects.filter(slug__in=entry["groups"]))
            course.skill_areas.set(SkillArea.objects.filter(slug__in=entry["skills"]))
        courses.append(course)
    return courses


# --- Pages -------------------------------------------------------------------------
def _child(parent: Page, slug: str):
    return parent.get_children().filter(slug=slug).specific().first()


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _lesson_body(course: dict, lesson: dict, number: int) -> list:
    colour = course["colour"]
    body: list = [("text", "".join(f"<p>{p}</p>" for p in lesson["paragraphs"]))]
    body.append(
        (
            "image",
            {
                "image": _image(lesson["image_alt"][:100], colour),
                "alt": lesson["image_alt"],
                "caption": "",
            },
        )
    )
    screenshot = _image(f"Ảnh chụp màn hình: {course['title']}"[:100], colour)
    body.append(
        (
            "steps",
            {
                "title": "Làm theo từng bước",
                "steps": [
                    {
                        "text": f"<p>{text}</p>",
                        "screenshot": screenshot if index == 0 else None,
                        "screenshot_alt": (
                            f"Màn hình điện thoại ở bước đầu tiên: {lesson['title'].lower()}"
                            if index == 0
                            else ""
                        ),
                    }
                    for index, text in enumerate(lesson["steps"])
                ],
            },
        )
    )
    if lesson.get("tip"):
        body.append(("tip", {"text": f"<p>{lesson['tip']}</p>"}))
    if lesson.get("warning"):
        body.append(("warning", {"text": f"<p>{lesson['warning']}</p>"}))
    if lesson.get("audio"):
        recording = _document(
            f"Bài nghe: {lesson['title']}"[:100], f"{_ascii(lesson['title'])}.wav", _wav()
        )
        body.append(
            (
                "audio",
                {
                    "title": f"Nghe giảng: {lesson['title']}",
                    "file": recording,
                    "transcript": " ".join(lesson["paragraphs"]),
                },
            )
        )
    if lesson.get("document"):
        handout = _document(
            f"Tài liệu in: {lesson['title']}"[:100], f"{_ascii(lesson['title'])}.pdf", _pdf(colour)
        )
        body.append(("heading", "Tài liệu mang về"))
        body.append(
            ("document", {"document": handout, "title": f"Tải tài liệu: {lesson['title']}"})
        )
    question, kind, answers = lesson["question"]
    body.append(
        (
            "knowledge_check",
            {
                "title": "",
                "pass_mark": 100 if len(answers) <= 2 else 70,
                "questions": [
                    {
                        "question": question,
                        "kind": kind,
                        "options": [
                            {"text": text, "correct": correct, "explanation": why}
                            for text, correct, why in answers
                        ],
                    }
                ],
            },
        )
    )
    return body


def _final_check(course: dict) -> list:
    questions = [
        {
            "question": lesson["question"][0],
            "kind": lesson["question"][1],
            "options": [
                {"text": text, "correct": correct, "explanation": why}
                for text, correct, why in lesson["question"][2]
            ],
        }
        for lesson in course["lessons"]
    ]
    return [
        (
            "knowledge_check",
            {"title": "Bài kiểm tra cuối khóa", "pass_mark": 70, "questions": questions},
        )
    ]


def seed_course(parent: Page, course: dict) -> CoursePage:
    page = _child(parent, course["slug"])
    if page is None:
        cover = _image(f"Ảnh bìa: {course['title']}"[:100], course["colour"])
        page = CoursePage(
            title=course["title"],
            slug=course["slug"],
            summary=course["summary"],
            description=course.get("description", ""),
            level=course["level"],
            estimated_minutes=10 * len(course["lessons"]) + 5,
            cover_image=cover,
            cover_image_alt=f"Hình minh họa khóa học {course['title'].lower()}",
            final_check=_final_check(course) if course.get("final_check") else [],
        )
        page.target_groups.set(TargetGroup.objects.filter(slug__in=course["groups"]))
        page.skill_areas.set(SkillArea.objects.filter(slug__in=course["skills"]))
        _publish(parent, page)
    for number, lesson in enumerate(course["lessons"], start=1):
        slug = f"bai-{number}-{_ascii(lesson['title'])}"[:80]
        if _child(page, slug) is None:
            _publish(
                page,
                LessonPage(
                    title=lesson["title"],
                    slug=slug,
                    summary=lesson["summary"],
                    estimated_minutes=10,
                    body=_lesson_body(course, lesson, number),
                ),
            )
    return page


def seed_catalogue(home: Page) -> CataloguePage:
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        catalogue = _publish(
            home,
            CataloguePage(
                title=CATALOGUE_TITLE,
                slug=CATALOGUE_SLUG,
                intro="<p>Các khóa học của xã và của nền tảng quốc gia “Bình dân học vụ số”. "
                "Học miễn phí, ngay trên điện thoại.</p>",
            ),
        )
    for course in content.LOCAL_COURSES:
        seed_course(catalogue, course)
    program = _child(catalogue, content.PROGRAM["slug"])
    if program is None:
        program = _publish(
            catalogue,
            FourTProgramPage(
                title=content.PROGRAM["title"],
                slug=content.PROGRAM["slug"],
                intro=content.PROGRAM["intro"],
            ),
        )
    for order, course in enumerate(content.PROGRAM_COURSES):
        page = seed_course(program, course)
        if not ProgramCourse.objects.filter(program=program, course=page).exists():
            ProgramCourse.objects.create(
                program=program,
                course=page,
                pillar=SkillArea.objects.get(slug=course["pillar"]),
                sort_order=order,
            )
    return catalogue


# --- Editorial workflow --------------------------------------------------------------
def _permissions(model, *actions: str) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(model)
    return [
        Permission.objects.get(
            content_type=content_type, codename=f"{action}_{model._meta.model_name}"
        )
        for action in actions
    ]


def seed_editorial_workflow(catalogue: CataloguePage) -> Workflow:
    """Editors write and submit; moderators approve and publish.

    Editors get the admin, the course pages, images, documents and course
    snippets: never users, groups or site settings, nor pages outside the
    catalogue (the home page and anything else under it)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    root_collection = Collection.get_first_root_node()
    Image, Document = get_image_model(), get_document_model()
    snippet_perms = {editors: ("add", "change"), moderators: ("add", "change", "delete")}
    # Wagtail's own first migration gives both groups rights over the whole
    # tree from the root page; here they work on the catalogue only.
    GroupPagePermission.objects.filter(group__in=(editors, moderators)).exclude(
        page=catalogue
    ).delete()
    for group in (editors, moderators):
        group.permissions.add(access_admin)
        for model in (NationalCourse, TargetGroup, SkillArea):
            group.permissions.add(*_permissions(model, *snippet_perms[group]))
        for model in (Image, Document):
            for permission in _permissions(model, "add", "change", "choose"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return review_workflow(WORKFLOW_NAME, catalogue)


def review_workflow(name: str, *pages: Page) -> Workflow:
    """Editors add and change ``pages`` and what is under them and submit it;
    moderators also publish, through the workflow ``name``, whose one task is
    the catalogue's approval by moderators."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    page_perms = {editors: ("add", "change"), moderators: ("add", "change", "publish")}
    for group, actions in page_perms.items():
        for page in pages:
            for permission in _permissions(Page, *actions):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def seed_courses(home: Page) -> CataloguePage:
    """Everything the courses app shows in the demo, under ``home``."""
    # A flushed database (as transactional tests leave it) has no root
    # collection for images and documents.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    seed_taxonomy()
    seed_national_courses()
    catalogue = seed_catalogue(home)
    seed_editorial_workflow(catalogue)
    return catalogue
