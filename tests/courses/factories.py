import factory
from wagtail.models import Page

from cms.demo import seed_site
from courses.models import (
    CataloguePage,
    CoursePage,
    LessonPage,
    NationalCourse,
    SkillArea,
    TargetGroup,
)


class TargetGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Nhóm {n}")
    slug = factory.Sequence(lambda n: f"nhom-{n}")

    class Meta:
        model = TargetGroup


class SkillAreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kỹ năng {n}")
    slug = factory.Sequence(lambda n: f"ky-nang-{n}")
    kind = SkillArea.Kind.BASIC_SKILL

    class Meta:
        model = SkillArea


class NationalCourseFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Khóa học quốc gia {n}")
    url = factory.Sequence(lambda n: f"https://binhdanhocvuso.gov.vn/khoa-hoc/{n}")
    description = "Học trên nền tảng Bình dân học vụ số."

    class Meta:
        model = NationalCourse


def question(text="Câu hỏi?", kind="single", answers=(("Đúng", True), ("Sai", False))):
    return {
        "question": text,
        "kind": kind,
        "options": [
            {"text": answer, "correct": correct, "explanation": f"Giải thích: {answer}"}
            for answer, correct in answers
        ],
    }


def knowledge_check(*questions, pass_mark=70):
    return ("knowledge_check", {"title": "", "pass_mark": pass_mark, "questions": list(questions)})


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_catalogue() -> CataloguePage:
    home = seed_site()
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        catalogue = publish(home, CataloguePage(title="Khóa học", slug="khoa-hoc"))
    return catalogue


def make_course(parent, title="Dịch vụ công trực tuyến", slug=None, **fields) -> CoursePage:
    from django.utils.text import slugify

    from courses.text import fold

    fields.setdefault("summary", "Học làm thủ tục trên mạng.")
    return publish(parent, CoursePage(title=title, slug=slug or slugify(fold(title)), **fields))


def make_lesson(course, title="Bài học", slug=None, body=None, **fields) -> LessonPage:
    from django.utils.text import slugify

    from courses.text import fold

    body = body if body is not None else [("text", "<p>Nội dung bài học.</p>")]
    return publish(
        course, LessonPage(title=title, slug=slug or slugify(fold(title)), body=body, **fields)
    )


def with_authenticator(user):
    """Staff pages ask for a second factor; give the account one."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


_with_authenticator = with_authenticator
