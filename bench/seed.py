"""Content the benchmark rows need, created on the benchmark database.

Run by the harness after ``seed_demo`` as
``python -m bench.seed [--user USERNAME ...]``, with the same environment as
the server. It prints one JSON line: the path of every row it could create
(``paths``), the session and CSRF cookies of each user asked for (``cookies``,
with the CSRF token to send in ``csrf``) and the
model labels present (``models``), so rows whose feature is not in this build
are reported as not measured.

Every seeder is idempotent and returns ``{key: path}`` or ``{}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

Seeder = Callable[[], dict[str, str]]

BARE_SLUG = "bench-bare"
LESSON_SLUG = "bench-lesson"


def _home():
    from cms.models import HomePage

    return HomePage.objects.get()


def _publish_child(parent, model, *, slug: str, **fields):
    """Create a ``model`` page under ``parent`` (or update the one with this
    slug) and publish it, so running the seeder twice changes nothing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def seed_minimal() -> dict[str, str]:
    from django.urls import NoReverseMatch, reverse

    try:
        return {"minimal": reverse("bench_minimal")}
    except NoReverseMatch:
        return {}


def seed_bare() -> dict[str, str]:
    from bench import content
    from cms.models import BarePage

    page = _publish_child(
        _home(), BarePage, slug=BARE_SLUG, title=content.TITLE, body=content.body_html()
    )
    return {"bare": page.url}


def seed_home() -> dict[str, str]:
    return {"home": _home().url}


def seed_lesson() -> dict[str, str]:
    """A lesson carrying the bare page's text (a heading block per section, a
    rich-text block for its paragraphs), last in the first demo course."""
    from django.apps import apps

    try:
        lesson_model = apps.get_model("courses", "LessonPage")
        course_model = apps.get_model("courses", "CoursePage")
    except LookupError:
        return {}
    from bench import content

    course = course_model.objects.live().order_by("path").first()
    if course is None:
        return {}
    blocks = content.lesson_blocks()
    known = lesson_model._meta.get_field("body").stream_block.child_blocks
    missing = {name for name, _ in blocks} - set(known)
    if missing:
        raise RuntimeError(f"LessonPage.body has no {sorted(missing)} block: update bench/seed.py")
    page = _publish_child(
        course,
        lesson_model,
        slug=LESSON_SLUG,
        title=content.TITLE,
        summary="Những thói quen đơn giản giúp bà con giữ an toàn cho điện thoại và tiền bạc.",
        body=blocks,
    )
    return {"lesson": page.url}


def seed_demo_lesson() -> dict[str, str]:
    """The demo lesson using the most kinds of blocks (images, video, audio,
    steps, a knowledge check): what a real lesson weighs on a phone."""
    from django.apps import apps

    try:
        lesson_model = apps.get_model("courses", "LessonPage")
    except LookupError:
        return {}
    lessons = lesson_model.objects.live().exclude(slug=LESSON_SLUG).order_by("path")
    richest = max(
        lessons, key=lambda lesson: len({block.block_type for block in lesson.body}), default=None
    )
    return {"lesson_demo": richest.url} if richest else {}


def seed_catalogue() -> dict[str, str]:
    from django.apps import apps

    try:
        catalogue_model = apps.get_model("courses", "CataloguePage")
    except LookupError:
        return {}
    catalogue = catalogue_model.objects.live().order_by("path").first()
    return {"catalogue": catalogue.url} if catalogue else {}


def seed_event_page() -> dict[str, str]:
    """The demo's 10/10 day, as an anonymous visitor reads it."""
    from django.apps import apps

    try:
        event_model = apps.get_model("courses", "EventPage")
    except LookupError:
        return {}
    # Not the check-in job's events (bench/checkin.py): the demo's own.
    events = event_model.objects.live().public().exclude(slug__startswith="bench-")
    event = events.order_by("start_at").first()
    return {"event_page": event.url} if event else {}


REPORT_CLASS = "Lớp đo hiệu năng (bench)"
MANAGER = "bench-manager"
TRAINER = "bench-trainer"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a benchmark account


def _staff(username: str):
    """A staff account with an authenticator app, so the two-step sign-in
    middleware lets its session through to the staff pages."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username=username)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


def seed_reports() -> dict[str, str]:
    """On the generated commune (``generate_load_data --scale commune``): a
    manager of the commune, and a class of 40 of its learners taking the
    generated courses (40 lessons; every live course without them), taught by a
    trainer who has no place grant (a class trainer's own scope). Nothing
    when no commune has been generated yet."""
    from django.apps import apps
    from django.urls import reverse

    try:
        place_model = apps.get_model("lms", "Place")
        class_model = apps.get_model("lms", "TrainingClass")
        course_model = apps.get_model("courses", "CoursePage")
    except LookupError:
        return {}
    root = (
        place_model.objects.filter(code__startswith="load-commune-", depth=1)
        .order_by("-pk")
        .first()
    )
    if root is None:
        return {}
    commune = place_model.objects.filter(path__startswith=root.path, kind="commune").first()
    village = (
        place_model.objects.filter(path__startswith=commune.path, kind="village")
        .order_by("path")
        .first()
    )
    manager, trainer = _staff(MANAGER), _staff(TRAINER)
    grant_model = apps.get_model("lms", "Grant")
    grant_model.objects.get_or_create(user=manager, role="manager", place=commune, revoked_at=None)
    training_class, created = class_model.objects.get_or_create(name=REPORT_CLASS, place=village)
    if created:
        training_class.trainers.add(trainer)
        training_class.learners.add(*village.learners.order_by("pk")[:40])
        courses = course_model.objects.live()
        generated = courses.filter(slug__startswith="load-")  # the generator's 40 lessons
        training_class.courses.add(*(generated if generated.exists() else courses))
    return {
        "report_class": reverse("lms:report_class", args=[training_class.pk]),
        "report_commune": reverse("lms:report_place", args=[commune.pk]),
        "report_village": reverse("lms:report_place", args=[village.pk]),
    }


def drop_reports() -> None:
    """Remove what ``seed_reports`` made on the generated commune, so that
    generating another data set may remove the commune."""
    from django.apps import apps

    apps.get_model("lms", "TrainingClass").objects.filter(name=REPORT_CLASS).delete()
    apps.get_model("lms", "Grant").objects.filter(user__username__in=[MANAGER, TRAINER]).delete()


def seed_news() -> dict[str, str]:
    """The demo's news list."""
    from django.apps import apps

    try:
        index_model = apps.get_model("cms", "NewsIndexPage")
    except LookupError:
        return {}
    index = index_model.objects.live().public().order_by("path").first()
    return {"news": index.url} if index else {}


def seed_events() -> dict[str, str]:
    """The endpoint a phone sends the learning events it kept offline to."""
    from django.urls import NoReverseMatch, reverse

    try:
        return {"events": reverse("lms:events_batch")}
    except NoReverseMatch:
        return {}


SEEDERS: list[Seeder] = [
    seed_minimal,
    seed_bare,
    seed_home,
    seed_lesson,
    seed_demo_lesson,
    seed_catalogue,
    seed_news,
    seed_event_page,
    seed_reports,
    seed_events,
]


def event_lessons() -> list[int]:
    """Every live lesson of a live course: what a learner can record events
    for. Event rows spread their events over these."""
    from django.apps import apps

    try:
        lesson_model = apps.get_model("courses", "LessonPage")
        course_model = apps.get_model("courses", "CoursePage")
    except LookupError:
        return []
    courses = list(course_model.objects.live().values_list("path", flat=True))
    return [
        lesson.pk
        for lesson in lesson_model.objects.live().order_by("path")
        if lesson.path[: -lesson.steplen] in courses
    ]


EVENT_LEARNERS = 40


def event_learners(count: int) -> list[str]:
    """``count`` learner accounts (``bench-learner-NN``, each with a profile
    in the demo's first village), created once: the event rows send each
    request as the next of them, as a village's phones would, rather than
    queue every request behind one learner's row lock."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    try:
        learner_model = apps.get_model("lms", "Learner")
        place_model = apps.get_model("lms", "Place")
    except LookupError:
        return []
    village = place_model.objects.filter(kind="village").order_by("path").first()
    if village is None:
        return []
    names = []
    for number in range(1, count + 1):
        username = f"bench-learner-{number:02d}"
        user, _ = get_user_model().objects.get_or_create(username=username)
        learner_model.objects.get_or_create(
            user=user, defaults={"full_name": f"Học viên thử {number:02d}", "village": village}
        )
        names.append(username)
    return names


def event_count() -> int:
    from django.apps import apps

    try:
        return apps.get_model("lms", "LearningEvent").objects.count()
    except LookupError:
        return 0


def csrf_pair() -> dict[str, str]:
    """A CSRF cookie and the token to send with it, as a browser holds them."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    secret = _get_new_csrf_string()
    return {"cookie": f"{settings.CSRF_COOKIE_NAME}={secret}", "token": secret}


def session_cookie(username: str) -> str:
    """A signed-in session for ``username``, as a Cookie header value, so wrk
    can measure pages as that user sees them."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.utils.module_loading import import_string

    SessionStore = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", action="append", default=[], help="sign in as this username")
    parser.add_argument(
        "--drop-reports", action="store_true", help="remove the report rows' class and grants"
    )
    parser.add_argument(
        "--count-events", action="store_true", help="only print the number of learning events"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    import django

    django.setup()
    from django.apps import apps
    from django.contrib.auth import get_user_model

    if args.drop_reports:
        drop_reports()
        return
    if args.count_events:
        sys.stdout.write(json.dumps({"events": event_count()}) + "\n")
        return
    paths: dict[str, str] = {}
    for seeder in SEEDERS:
        paths.update(seeder())
    senders = event_learners(EVENT_LEARNERS) if "events" in paths else []
    csrf = {username: csrf_pair() for username in [*args.user, *senders]}
    result = {
        "paths": paths,
        # A user a seeder had nothing to create for (its data is not generated yet) is left
        # out. A signed-in browser holds the session and the CSRF cookie (set by the sign-in
        # form): pages reuse the token instead of making a new one.
        "cookies": {
            username: f"{session_cookie(username)}; {csrf[username]['cookie']}"
            for username in args.user
            if get_user_model().objects.filter(username=username).exists()
        },
        "csrf": csrf,
        "event_lessons": event_lessons() if "events" in paths else [],
        # The learners the event rows send as: session and CSRF cookies, token.
        "event_senders": [
            {
                "cookie": f"{session_cookie(name)}; {csrf[name]['cookie']}",
                "token": csrf[name]["token"],
            }
            for name in senders
        ],
        "models": sorted(model._meta.label for model in apps.get_models()),
    }
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
