"""What `make bench` measures: one entry per row of BENCHMARKS.md.

To add a benchmark for a feature:

1. If the row needs content, add a seeder to ``bench/seed.py`` (``SEEDERS``)
   that creates it and returns ``{"<key>": "/its/path/"}``; return nothing
   when the feature is not in this build, and the row is reported as not
   measured instead of failing.
2. Add the row here: a ``Throughput`` (a URL under wrk, beside its
   baselines), a ``PageWeight`` (bytes and requests a browser needs for a
   page) or a ``Job`` (a management command timed from start to finish, with
   its peak memory).
3. Put the issue's target on the row as a ``Target``; the report says met or
   not met and the ratio to the baseline.

Nothing here imports Django: the harness reads it before the stack exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """A number a row must reach, e.g. ``Target("ratio:bare", 10)`` for "at
    least ten times the bare Wagtail page".

    metric is one of: ``ratio:<baseline key>`` (requests/s divided by the
    baseline's, in the same run), ``rps``, ``p50_ms``, ``p95_ms``, ``p99_ms``
    (throughput rows); ``events_per_s`` (events recorded per second, on rows
    that post learning events); ``kb`` and ``requests`` (page weight rows);
    ``seconds`` and ``peak_mb`` (jobs), or a figure a ``module`` job reports in
    its ``metrics`` (e.g. ``p95_ms``).
    """

    metric: str
    limit: float
    at_least: bool = True
    text: str = ""

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def describe(self) -> str:
        if self.text:
            return self.text
        sign = "≥" if self.at_least else "≤"
        if self.metric.startswith("ratio:"):
            return f"{sign} {self.limit:g}× {self.metric.split(':', 1)[1]}"
        return f"{self.metric} {sign} {self.limit:g}"


@dataclass(frozen=True)
class Throughput:
    """A URL loaded by wrk at each concurrency, measured beside baselines.

    key: the row's name and, unless ``path`` names another, the path key a
    seeder returns. user: sign in as this username (a session cookie is sent)
    instead of browsing anonymously. stand_in: when
    this row's content is not in the build, evaluate its targets on that row
    instead and say so.

    events: a row that posts learning events instead of loading a page: each
    request carries this many new events (``bench/wrk_events.lua``), signed
    in as ``user`` with a CSRF token, and the row reports events recorded per
    second and checks that the event log grew by as many.
    """

    key: str
    label: str
    baselines: tuple[str, ...] = ("bare", "minimal")
    targets: tuple[Target, ...] = ()
    user: str | None = None
    connections: tuple[int, ...] | None = None
    stand_in: str | None = None
    path: str | None = None  # the seeder's path key, when it is not ``key``
    jobs: tuple[str, ...] = ()  # jobs that make its data (run first, even with --rows)
    events: int = 0

    @property
    def path_key(self) -> str:
        return self.path or self.key


@dataclass(frozen=True)
class PageWeight:
    """What a phone downloads to show a page: the HTML and every CSS, JS and
    font file it references, as served with ``Accept-Encoding: gzip, br``.
    Images, audio, video and embeds are media, counted apart."""

    key: str
    label: str
    targets: tuple[Target, ...] = ()
    user: str | None = None
    stand_in: str | None = None


@dataclass(frozen=True)
class Job:
    """A management command timed end to end on the benchmark database, with
    the peak memory (max RSS) of its process.

    requires: model labels ("app.Model") that must exist, else the job is
    reported as not run (its feature is not in this build). module: run
    ``python -m <module> <argv>`` instead of ``manage.py <argv>``; such a
    script times what it measures itself and prints it as its last line
    (``{"seconds": ..., "peak_mb": ..., "detail": ...}``). province: runs only
    with ``--province``, after the province is generated (it replaces the
    commune's generated data), once the pages have been measured.
    """

    key: str
    label: str
    argv: tuple[str, ...]
    targets: tuple[Target, ...] = ()
    requires: tuple[str, ...] = field(default_factory=tuple)
    module: str | None = None
    province: bool = False
    after: tuple[str, ...] = ()  # jobs that make its data (run first, even with --rows)
    reports_output: bool = False  # its last line of output is shown as its detail


# The baselines every page is compared with, measured in the same run.
BASELINES = {
    "bare": "bare Wagtail page",
    "minimal": "minimal Django view",
}

THROUGHPUT: tuple[Throughput, ...] = (
    Throughput("minimal", "Minimal Django view (`/bench/minimal`)", baselines=()),
    Throughput("bare", "Bare Wagtail page, ~1,600 words of rich text", baselines=("minimal",)),
    # What any signed-in request costs before it does anything (the session
    # and the account are read): the ceiling of the signed-in rows below.
    Throughput(
        "minimal_learner",
        "Minimal Django view, signed-in learner (session and account read, nothing else)",
        baselines=("minimal",),
        user="learner",
        path="minimal",
    ),
    Throughput(
        "home",
        "Home page, anonymous",
        targets=(Target("ratio:bare", 10, text="anonymous home page ≥ 10× bare Wagtail page"),),
    ),
    Throughput(
        "lesson",
        "Lesson page, anonymous (same rich text)",
        targets=(Target("ratio:bare", 10, text="anonymous lesson page ≥ 10× bare Wagtail page"),),
        stand_in="home",
    ),
    Throughput(
        "lesson_learner",
        "Lesson page, signed-in learner (no whole-page cache)",
        user="learner",
        path="lesson",
    ),
    Throughput(
        "catalogue",
        "Catalogue page, anonymous",
        targets=(
            Target("ratio:bare", 10, text="anonymous catalogue page ≥ 10× bare Wagtail page"),
        ),
    ),
    Throughput(
        "news",
        "News list, anonymous",
        targets=(Target("ratio:bare", 10, text="anonymous news list ≥ 10× bare Wagtail page"),),
    ),
    Throughput(
        "event_page",
        "Event page (the demo's 10/10 day), anonymous",
        targets=(Target("ratio:bare", 10, text="anonymous event page ≥ 10× bare Wagtail page"),),
    ),
    # Staff report pages on the generated commune, one connection at a time:
    # the latency is the server time of one request (wrk on the same machine).
    Throughput(
        "report_class",
        "Class view: 40 learners × every lesson, the class's trainer",
        baselines=(),
        user="bench-trainer",
        connections=(1,),
        jobs=("load_commune",),
        targets=(Target("p95_ms", 300, at_least=False, text="class view ≤ 300 ms (p95, 1 conn)"),),
    ),
    Throughput(
        "report_commune",
        "Commune view (30,000 learners by village), a manager of the commune",
        baselines=(),
        user="bench-manager",
        connections=(1,),
        jobs=("load_commune",),
        targets=(
            Target("p95_ms", 300, at_least=False, text="commune view ≤ 300 ms (p95, 1 conn)"),
        ),
    ),
    Throughput(
        "report_village",
        "Village drill-down (its learner list, ~2,500 rows), a manager of the commune",
        baselines=(),
        user="bench-manager",
        connections=(1,),
        jobs=("load_commune",),
    ),
    Throughput(
        "events_single",
        "Learning events, one per request (offline sync endpoint, 40 signed-in learners in turn)",
        baselines=(),
        targets=(
            Target("events_per_s", 500, text="events recorded per second ≥ 500, one per request"),
        ),
        user="learner",
        path="events",
        events=1,
    ),
    Throughput(
        "events_batch",
        "Learning events, batches of 20 (offline sync endpoint, 40 signed-in learners in turn)",
        baselines=(),
        targets=(
            Target("events_per_s", 500, text="events recorded per second ≥ 500, in batches of 20"),
        ),
        user="learner",
        path="events",
        events=20,
    ),
)

LESSON_WEIGHT_TARGETS = (
    Target("kb", 60, at_least=False, text="≤ 60 KB compressed, without media"),
    Target("requests", 6, at_least=False, text="≤ 6 requests, without media"),
)

WEIGHTS: tuple[PageWeight, ...] = (
    PageWeight(
        "lesson",
        "Lesson page (the bare page's text)",
        targets=LESSON_WEIGHT_TARGETS,
        stand_in="home",
    ),
    PageWeight(
        "lesson_demo",
        "Demo lesson with the most kinds of blocks",
        targets=LESSON_WEIGHT_TARGETS,
    ),
    PageWeight("catalogue", "Catalogue page"),
    PageWeight("home", "Home page"),
    PageWeight("news", "News list"),
    PageWeight("event_page", "Event page"),
    PageWeight("bare", "Bare Wagtail page"),
)

LOAD_DATA_MODELS = (
    "lms.Place",
    "lms.Household",
    "lms.Learner",
    "lms.TrainingClass",
    "lms.LearningEvent",
    "lms.LessonProgress",
    "lms.CertificateClaim",
)

JOBS: tuple[Job, ...] = (
    Job(
        "load_commune",
        "generate_load_data, one commune (30,000 learners, 40 lessons, "
        "about 600,000 lesson progress rows)",
        ("generate_load_data", "--scale", "commune", "--seed", "1"),
        targets=(Target("seconds", 300, at_least=False, text="a commune in minutes (≤ 5 min)"),),
        requires=LOAD_DATA_MODELS,
        reports_output=True,
    ),
    Job(
        "export_csv",
        "CSV export of the commune's 30,000 learners (streamed, read to the end)",
        ("export-csv",),
        module="bench.reports",
        after=("load_commune",),
        targets=(Target("peak_mb", 150, at_least=False, text="30,000-row CSV export ≤ 150 MB"),),
        requires=("lms.Learner", "lms.LessonProgress"),
    ),
    Job(
        "export_xlsx",
        "XLSX export of the commune's 30,000 learners (write-only, via a temporary file)",
        ("export-xlsx",),
        module="bench.reports",
        after=("load_commune",),
        targets=(Target("peak_mb", 150, at_least=False, text="30,000-row XLSX export ≤ 150 MB"),),
        requires=("lms.Learner", "lms.LessonProgress"),
    ),
    Job(
        "checkin_300",
        "Check-in of 300 people in a row at an event's door (one at a time, as the door sees "
        "them: the learner's code posted, the result page read), on its own gunicorn",
        ("--people", "300"),
        module="bench.checkin",
        targets=(
            Target("p95_ms", 300, at_least=False, text="300 check-ins in a row: p95 ≤ 300 ms"),
        ),
        requires=("lms.EventRegistration",),
    ),
    Job(
        "load_province",
        "generate_load_data, one province (1,000,000 learners, lighter learning per learner)",
        ("generate_load_data", "--scale", "province", "--seed", "1"),
        requires=LOAD_DATA_MODELS,
        reports_output=True,
        province=True,
    ),
    Job(
        "indicators_province",
        "Province indicators: summary, by village, by target group; all time and last quarter",
        ("indicators", "--scale", "province"),
        module="bench.reports",
        after=("load_province",),
        targets=(Target("seconds", 1, at_least=False, text="province indicators ≤ 1 s"),),
        requires=("lms.Learner", "lms.LessonProgress"),
        province=True,
    ),
    Job(
        "indicators_province_reporting",
        "Province indicators for the last reporting quarter (cut-off to cut-off), counted from "
        "the raw rows: measured, no target",
        ("indicators-reporting", "--scale", "province"),
        module="bench.reports",
        after=("load_province",),
        requires=("lms.Learner", "lms.LessonProgress"),
        province=True,
    ),
    Job(
        "quarterly_province",
        "Quarterly report of the province (the Celery task's body), last reporting quarter",
        ("quarterly", "--scale", "province"),
        module="bench.reports",
        after=("load_province",),
        targets=(Target("seconds", 120, at_least=False, text="province quarterly report ≤ 2 min"),),
        requires=("lms.QuarterlyReport",),
        province=True,
    ),
)
