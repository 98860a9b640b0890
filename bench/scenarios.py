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
    (throughput rows); ``kb`` and ``requests`` (page weight rows);
    ``seconds`` and ``peak_mb`` (jobs).
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
    """

    key: str
    label: str
    baselines: tuple[str, ...] = ("bare", "minimal")
    targets: tuple[Target, ...] = ()
    user: str | None = None
    connections: tuple[int, ...] | None = None
    stand_in: str | None = None
    path: str | None = None  # the seeder's path key, when it is not ``key``

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
    reported as not run (its feature is not in this build).
    """

    key: str
    label: str
    argv: tuple[str, ...]
    targets: tuple[Target, ...] = ()
    requires: tuple[str, ...] = field(default_factory=tuple)


# The baselines every page is compared with, measured in the same run.
BASELINES = {
    "bare": "bare Wagtail page",
    "minimal": "minimal Django view",
}

THROUGHPUT: tuple[Throughput, ...] = (
    Throughput("minimal", "Minimal Django view (`/bench/minimal`)", baselines=()),
    Throughput("bare", "Bare Wagtail page, ~1,600 words of rich text", baselines=("minimal",)),
    Throughput("home", "Home page, anonymous"),
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
    PageWeight("bare", "Bare Wagtail page"),
)

JOBS: tuple[Job, ...] = (
    Job(
        "load_commune",
        "generate_load_data, one commune (30,000 learners)",
        ("generate_load_data", "--scale", "commune", "--seed", "1"),
        targets=(Target("seconds", 300, at_least=False, text="a commune in minutes (≤ 5 min)"),),
        requires=("lms.Place", "lms.Household", "lms.Learner"),
    ),
)
