"""The door's check-in job reaches BENCHMARKS.md with its own p95 held to
its target."""

from bench import report, scenarios
from bench.run import JobResult
from tests.bench.test_report import results, target_line


def checkin(p95: float) -> dict:
    return {
        "checkin_300": JobResult(
            "ok",
            21.0,
            128.0,
            f"300 check-ins one after another: median 62 ms, p95 {p95:.0f} ms",
            "python -m bench.checkin --people 300",
            {"p50_ms": 62.0, "p95_ms": p95},
        )
    }


def test_the_checkin_job_is_wired_into_the_runner():
    job = next(job for job in scenarios.JOBS if job.key == "checkin_300")
    assert job.module == "bench.checkin" and not job.province
    assert [(t.metric, t.limit, t.at_least) for t in job.targets] == [("p95_ms", 300, False)]


def test_a_p95_within_300_ms_is_met_and_above_is_not():
    text = report.render(results({"minimal": 2000, "bare": 100}, jobs=checkin(104.0)))
    line = target_line(text, "300 check-ins in a row: p95 ≤ 300 ms")
    assert "104 ms" in line and "**met**" in line
    text = report.render(results({"minimal": 2000, "bare": 100}, jobs=checkin(340.0)))
    assert "**not met**" in target_line(text, "300 check-ins in a row: p95 ≤ 300 ms")


def test_the_anonymous_event_page_is_a_row_held_to_ten_times_the_bare_page(demo_site):
    from bench.seed import seed_event_page
    from courses.demo_events import DAY_SLUG

    row = next(row for row in scenarios.THROUGHPUT if row.key == "event_page")
    assert [(t.metric, t.limit) for t in row.targets] == [("ratio:bare", 10)]
    assert seed_event_page()["event_page"].rstrip("/").endswith(DAY_SLUG)
