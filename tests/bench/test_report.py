"""BENCHMARKS.md says plainly whether each target is met, against which row."""

from bench import report
from bench.run import JobResult, Results
from bench.weight import Resource, Weight
from bench.wrk import WrkRun


def runs(rps: float) -> dict[int, list[WrkRun]]:
    one = WrkRun(int(rps * 10), 10.0, 0, 5.0, 8.0, 9.0, 12.0, 5.5, 30.0)
    return {10: [one, one, one], 50: [one, one, one]}


def results(rows: dict[str, float], **extra) -> Results:
    outcome = Results(started="2026-11-25T17:00:00+00:00", finished="2026-11-25T17:10:00+00:00")
    outcome.options = {"runs": 3, "seconds": 10, "warmup": 3, "connections": [10, 50], "argv": ""}
    outcome.paths = {key: f"/{key}/" for key in rows}
    outcome.throughput = {key: runs(rps) for key, rps in rows.items()}
    outcome.cpu_ms = {key: {10: [1.0], 50: [1.0]} for key in rows}
    for key, value in extra.items():
        setattr(outcome, key, value)
    return outcome


def target_line(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line and line.startswith("|"))


def test_lesson_ten_times_the_bare_page_is_met():
    text = report.render(results({"minimal": 2000, "bare": 100, "lesson": 1200}))
    line = target_line(text, "anonymous lesson page ≥ 10×")
    assert "12.0×" in line
    assert "**met**" in line


def test_lesson_below_ten_times_is_not_met():
    text = report.render(results({"minimal": 2000, "bare": 100, "lesson": 500}))
    assert "**not met**" in target_line(text, "anonymous lesson page ≥ 10×")


def test_home_page_stands_in_while_there_is_no_lesson_page():
    text = report.render(results({"minimal": 2000, "bare": 100, "home": 300}))
    line = target_line(text, "anonymous lesson page ≥ 10×")
    assert "home page stands in" in line
    assert "**not met**" in line
    assert "the lesson page is not in this build" in text


def test_page_weight_and_jobs_are_judged_against_their_targets():
    heavy = Weight(
        resources=[
            Resource("/lesson/", "html", 200, "gzip", 50_000, 49_000, 200_000),
            *[
                Resource(f"/static/{n}.js", "js", 200, "gzip", 2_000, 1_800, 5_000)
                for n in range(6)
            ],
        ],
        media=["/media/a.jpg"],
    )
    text = report.render(
        results(
            {"minimal": 2000, "bare": 100, "lesson": 1200},
            weights={"lesson": heavy},
            jobs={"load_commune": JobResult("ok", seconds=95.0, peak_mb=180.0, command="x")},
        )
    )
    assert "**not met**" in target_line(text, "≤ 60 KB")
    assert "**not met**" in target_line(text, "≤ 6 requests")
    assert "7 requests" in target_line(text, "≤ 6 requests")
    assert "**met**" in target_line(text, "a commune in minutes")
    assert "95.0 s" in target_line(text, "a commune in minutes")


def test_a_generation_job_reports_the_rows_it_generated():
    said = "Generated scale commune, seed 1 in 95.0 s: 30,000 learners, 600,635 lesson progress."
    text = report.render(
        results(
            {"minimal": 2000, "bare": 100},
            jobs={"load_commune": JobResult("ok", 95.0, 180.0, said, "x")},
        )
    )
    assert "600,635 lesson progress" in text
    assert "about 600,000 lesson progress rows" in text


def test_every_row_says_how_to_reproduce_it():
    outcome = results({"minimal": 2000, "bare": 100})
    outcome.wrk_commands = {
        "bare": {10: "wrk -c10 http://127.0.0.1:8765/bare/", 50: "wrk -c50 http://x/"},
        "minimal": {10: "wrk -c10 http://127.0.0.1:8765/minimal/", 50: "wrk -c50 http://y/"},
    }
    outcome.setup_commands = [".venv/bin/python manage.py migrate --no-input -v0"]
    text = report.render(outcome)
    assert "make bench" in text
    assert "wrk -c10 http://127.0.0.1:8765/bare/" in text
    assert "manage.py migrate" in text


def test_staff_report_rows_are_judged_on_their_one_connection_latency():
    one = WrkRun(300, 10.0, 0, 120.0, 250.0, 290.0, 310.0, 130.0, 400.0)
    slow = WrkRun(100, 10.0, 0, 280.0, 350.0, 380.0, 400.0, 300.0, 500.0)
    outcome = results({"minimal": 2000, "bare": 100})
    outcome.paths.update({"report_class": "/c/", "report_commune": "/p/"})
    outcome.throughput.update({"report_class": {1: [one]}, "report_commune": {1: [slow]}})
    outcome.cpu_ms.update({"report_class": {1: [1.0]}, "report_commune": {1: [1.0]}})
    text = report.render(outcome)
    assert "**met**" in target_line(text, "class view ≤ 300 ms")
    assert "1 conns: 290.0" in target_line(text, "class view ≤ 300 ms")
    assert "**not met**" in target_line(text, "commune view ≤ 300 ms")


def test_report_jobs_show_what_they_measured_themselves():
    jobs = {
        "export_csv": JobResult(
            "ok", 3.1, 152.0, "30,000 rows, 872 KB; 138 MB before the export", "python -m x"
        ),
        "indicators_province": JobResult("ok", 0.8, 300.0, "indicators, all time 800 ms", "y"),
    }
    text = report.render(results({"minimal": 2000, "bare": 100}, jobs=jobs))
    line = target_line(text, "30,000-row CSV export ≤ 150 MB")
    assert "152 MB (30,000 rows, 872 KB; 138 MB before the export)" in line
    assert "**not met**" in line
    assert "**met**" in target_line(text, "province indicators ≤ 1 s")
    assert "not run in this run" in target_line(text, "province quarterly report ≤ 2 min")


def test_selected_rows_bring_the_jobs_that_make_their_data():
    from bench import run, scenarios

    rows = [row for row in scenarios.THROUGHPUT if row.key == "report_commune"]
    assert run.chosen_jobs({"report_commune"}, rows, province=False) == {"load_commune"}
    assert run.chosen_jobs({"indicators_province"}, [], province=True) == {
        "load_province",
        "indicators_province",
    }
    assert run.chosen_jobs({"indicators_province"}, [], province=False) == set()
    everything = run.chosen_jobs(set(), [], province=False)
    assert {"load_commune", "export_csv", "export_xlsx"} <= everything
    assert "load_province" not in everything


def test_a_row_where_no_request_completed_does_not_meet_a_latency_target():
    nothing = WrkRun(0, 5.0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    outcome = results({"minimal": 2000, "bare": 100})
    outcome.paths["report_class"] = "/c/"
    outcome.throughput["report_class"] = {1: [nothing]}
    outcome.cpu_ms["report_class"] = {1: [0.0]}
    line = target_line(report.render(outcome), "class view ≤ 300 ms")
    assert "no request completed" in line
    assert "**not met**" in line
