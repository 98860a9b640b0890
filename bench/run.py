"""`make bench`: measure the product against its baselines and write
BENCHMARKS.md.

Steps: install nothing but check wrk; recreate the benchmark database and
flush the benchmark's Redis databases; migrate, compile translations, collect
static files; seed the demo and the benchmark content; run the jobs (load
data generation); start gunicorn (2 sync workers, production settings);
check every URL answers 200; warm up; run wrk on every row at every
concurrency, interleaved, several times; weigh the pages; stop everything
and write the report. Raw results go to bench/results/<timestamp>/.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import environment, report, scenarios, weight, wrk
from bench.stack import PYTHON, ROOT, Config, Stack, _display


@dataclass
class JobResult:
    status: str  # "ok", "not run", "failed"
    seconds: float = 0.0
    peak_mb: float = 0.0
    detail: str = ""
    command: str = ""
    metrics: dict[str, float] = field(default_factory=dict)  # a module job's own figures


@dataclass
class Results:
    started: str
    finished: str = ""
    options: dict = field(default_factory=dict)
    machine: dict = field(default_factory=dict)
    versions: dict = field(default_factory=dict)
    load_before: str = ""
    load_after: str = ""
    paths: dict[str, str] = field(default_factory=dict)
    # row key -> connections -> runs
    throughput: dict[str, dict[int, list[wrk.WrkRun]]] = field(default_factory=dict)
    cpu_ms: dict[str, dict[int, list[float]]] = field(default_factory=dict)
    # Rows posting learning events: how much the event log grew in each run.
    events_logged: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    event_lessons: int = 0
    event_senders: int = 0
    wrk_commands: dict[str, dict[int, str]] = field(default_factory=dict)
    weights: dict[str, weight.Weight] = field(default_factory=dict)
    jobs: dict[str, JobResult] = field(default_factory=dict)
    setup_commands: list[str] = field(default_factory=list)
    server_command: str = ""
    server_env: str = ""
    errors: list[str] = field(default_factory=list)

    def median(self, key: str, connections: int, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.throughput[key][connections])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per row and concurrency")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per row")
    parser.add_argument("--connections", default="10,50", help="concurrencies, comma-separated")
    parser.add_argument(
        "--rows", default="", help="only these row keys (their baselines are added); default all"
    )
    parser.add_argument("--no-jobs", action="store_true", help="skip the timed jobs")
    parser.add_argument(
        "--province",
        action="store_true",
        help="also generate a province (1,000,000 learners) and time its reports (long)",
    )
    parser.add_argument(
        "--province-database",
        default="",
        metavar="URL",
        help="time the province's reports on this database, where `generate_load_data "
        "--scale province` already ran (it is migrated first, never dropped), instead of "
        "generating a province here",
    )
    parser.add_argument("--database-url", default=Config.database_url)
    parser.add_argument("--redis-url", default=Config.redis_url)
    parser.add_argument("--port", type=int, default=Config.port)
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="report file (default BENCHMARKS.md; with --rows, the results folder)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    log_dir = ROOT / "bench" / "results" / stamp
    log_dir.mkdir(parents=True, exist_ok=True)
    connections = tuple(int(c) for c in args.connections.split(",") if c.strip())
    selected = {k for k in args.rows.split(",") if k.strip()}
    output = args.output or (log_dir / "BENCHMARKS.md" if selected else ROOT / "BENCHMARKS.md")

    results = Results(started=datetime.now(UTC).isoformat(timespec="seconds"))
    results.options = {
        "runs": args.runs,
        "seconds": args.seconds,
        "warmup": args.warmup,
        "connections": list(connections),
        "rows": sorted(selected),
        "argv": shlex.join(argv if argv is not None else sys.argv[1:]),
    }
    results.machine = environment.machine()
    results.load_before = environment.loadavg()
    say(f"Benchmark results and logs: {log_dir.relative_to(ROOT)}")

    config = Config(
        database_url=args.database_url,
        redis_url=args.redis_url,
        port=args.port,
        keep_db=args.keep_db,
    )
    status = 0
    try:
        with Stack(config, log_dir) as stack:
            try:
                measure(stack, results, args, connections, selected)
                results.versions = environment.versions(stack.env())
            finally:
                results.setup_commands = stack.commands
    except Exception as exc:  # noqa: BLE001 - report what was measured, then fail
        results.errors.append(f"{type(exc).__name__}: {exc}")
        say(f"FAILED: {exc}")
        status = 1
    results.load_after = environment.loadavg()
    results.finished = datetime.now(UTC).isoformat(timespec="seconds")
    if not results.versions:
        results.versions = environment.versions(None)
    (log_dir / "results.json").write_text(
        json.dumps(asdict(results), indent=2, default=str), encoding="utf-8"
    )
    if results.errors:
        status = 1
    if status == 0 or results.throughput:
        output.write_text(report.render(results), encoding="utf-8")
        say(f"Wrote {output}")
    return status


def measure(stack: Stack, results: Results, args, connections, selected) -> None:
    say("Preparing PostgreSQL, Redis, migrations and static files")
    stack.prepare()
    stack.manage("seed_demo")
    rows = [s for s in scenarios.THROUGHPUT if not selected or s.key in selected]
    needed = {b for s in rows for b in s.baselines} | {s.stand_in for s in rows if s.stand_in}
    rows += [s for s in scenarios.THROUGHPUT if s.key in needed and s not in rows]
    rows = [s for s in scenarios.THROUGHPUT if s in rows]  # keep the registry's order
    weights = [w for w in scenarios.WEIGHTS if not selected or w.key in selected]
    users = sorted({s.user for s in [*rows, *weights] if s.user})
    seeded = seed(stack, users)
    models = set(seeded["models"])

    if not args.no_jobs:
        wanted = chosen_jobs(selected, rows, province=False)
        for job in scenarios.JOBS:
            if job.key in wanted:
                results.jobs[job.key] = run_job(stack, job, models)
        # Rows on generated data get their pages and staff once it exists.
        seeded = seed(stack, users)
    results.paths = seeded["paths"]
    load = Load(
        cookies=seeded["cookies"],
        csrf=seeded.get("csrf", {}),
        lessons=seeded.get("event_lessons", []),
        senders=seeded.get("event_senders", []),
        occurred_at=(datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds"),
    )
    results.event_lessons = len(load.lessons)
    results.event_senders = len(load.senders)
    if not load.lessons:  # nothing a learner could record events for
        results.paths.pop("events", None)

    present = [s for s in rows if s.path_key in results.paths]
    if present or any(page.key in results.paths for page in weights):
        serve(stack, results, args, connections, present, weights, load)

    if args.province_database and not args.no_jobs:
        # A province generated beforehand, in its own database.
        env = {"DATABASE_URL": args.province_database}
        stack.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env={**stack.env(), **env})
        wanted = chosen_jobs(selected, rows, province=True)
        for job in scenarios.JOBS:
            if job.key not in wanted:
                continue
            if job.argv[0] == "generate_load_data":
                results.jobs[job.key] = JobResult(
                    "not run",
                    detail="generated beforehand: the jobs below ran on "
                    f"{_hide_password(args.province_database)}",
                    command=shlex.join(_display([PYTHON, "manage.py", *job.argv])),
                )
            else:
                results.jobs[job.key] = run_job(stack, job, models, env_update=env)
    elif args.province and not args.no_jobs:
        stack.run([PYTHON, "-m", "bench.seed", "--drop-reports"])
        wanted = chosen_jobs(selected, rows, province=True)
        for job in scenarios.JOBS:
            if job.key in wanted:
                results.jobs[job.key] = run_job(stack, job, models)


def serve(stack: Stack, results: Results, args, connections, present, weights, load) -> None:
    """Start gunicorn, load every row with wrk and weigh the pages; stop it."""
    cookies = load.cookies
    say("Starting gunicorn")
    stack.start_server()
    results.server_command = shlex.join(_display(stack.server_command()))
    results.server_env = stack.shown_env()
    for row in present:
        url = stack.base_url + results.paths[row.path_key]
        if row.events:
            check_events(url, load, row.user)
        else:
            check(url, cookies.get(row.user))

    say(f"Warming up {len(present)} rows")
    for row in present:
        url = stack.base_url + results.paths[row.path_key]
        wrk.run(load.command(row, url, connections=10, seconds=args.warmup), cwd=ROOT)

    total = args.runs * sum(len(row.connections or connections) for row in present)
    done = 0
    # A row may name its own concurrencies (e.g. one connection, for server time).
    every = sorted({c for row in present for c in (row.connections or connections)})
    for run_index in range(args.runs):
        for conns in every:
            for row in present:
                if conns not in (row.connections or connections):
                    continue
                url = stack.base_url + results.paths[row.path_key]
                command = load.command(row, url, connections=conns, seconds=args.seconds)
                wait_until_idle(stack)
                logged_before = event_count(stack) if row.events else 0
                cpu_before = server_cpu_seconds(stack)
                outcome = wrk.run(command, cwd=ROOT)
                cpu = server_cpu_seconds(stack) - cpu_before
                results.throughput.setdefault(row.key, {}).setdefault(conns, []).append(outcome)
                results.cpu_ms.setdefault(row.key, {}).setdefault(conns, []).append(
                    1000 * cpu / outcome.requests if outcome.requests else 0.0
                )
                results.wrk_commands.setdefault(row.key, {})[conns] = wrk.display(command)
                done += 1
                extra = ""
                if row.events:
                    logged = event_count(stack) - logged_before
                    results.events_logged.setdefault(row.key, {}).setdefault(conns, []).append(
                        logged
                    )
                    extra = (
                        f", {outcome.recorded / outcome.seconds:.0f} events/s, "
                        f"{outcome.recorded} recorded ({logged} logged), "
                        f"{outcome.not_recorded} not recorded"
                    )
                say(
                    f"[{done}/{total}] run {run_index + 1} {row.key} c={conns}: "
                    f"{outcome.rps:.0f} req/s, p50 {outcome.p50_ms:.1f} ms, "
                    f"p99 {outcome.p99_ms:.1f} ms, errors {outcome.errors}{extra}"
                )

    for page in weights:
        if page.key in results.paths:
            results.weights[page.key] = weight.measure(
                stack.base_url, results.paths[page.key], cookie=cookies.get(page.user)
            )
    stack.stop_server()


def seed(stack: Stack, users: list[str]) -> dict:
    seed_args = [PYTHON, "-m", "bench.seed"]
    for user in users:
        seed_args += ["--user", user]
    return json.loads(stack.run(seed_args).stdout.strip().splitlines()[-1])


def chosen_jobs(selected: set[str], rows, *, province: bool) -> set[str]:
    """The jobs of this phase to run: all of them, or those selected and the
    jobs their data comes from."""
    jobs = [job for job in scenarios.JOBS if job.province == province]
    if not selected:
        return {job.key for job in jobs}
    wanted = set(selected) | {key for row in rows for key in row.jobs}
    for job in scenarios.JOBS:
        if job.key in wanted:
            wanted |= set(job.after)
    return {job.key for job in jobs if job.key in wanted}


@dataclass
class Load:
    """What wrk sends for each row: cookies, and for rows that post learning
    events, a CSRF token and the lessons the events are about."""

    cookies: dict[str, str]
    csrf: dict[str, dict[str, str]]
    lessons: list[int]
    occurred_at: str
    senders: list[dict[str, str]] = field(default_factory=list)

    def command(self, row: scenarios.Throughput, url: str, *, connections: int, seconds: int):
        cookie = self.cookies.get(row.user)
        if not row.events:
            return wrk.command(url, connections=connections, seconds=seconds, cookie=cookie)
        pair = self.csrf[row.user]
        return wrk.command(
            url,
            connections=connections,
            seconds=seconds,
            cookie=cookie,
            headers=(f"X-CSRFToken: {pair['token']}",),
            script=wrk.EVENTS_LUA,
            # A new nonce for every run: its event ids were never sent before.
            script_args=(
                str(row.events),
                secrets.token_hex(4),
                self.occurred_at,
                str(len(self.senders)),
                *[value for s in self.senders for value in (s["cookie"], s["token"])],
                *map(str, self.lessons),
            ),
        )


def event_count(stack: Stack) -> int:
    result = stack.run([PYTHON, "-m", "bench.seed", "--count-events"], record=False)
    return json.loads(result.stdout.strip().splitlines()[-1])["events"]


def check_events(url: str, load: Load, user: str | None) -> None:
    """One event through the endpoint, as wrk will send them: it must be recorded."""
    pair = load.csrf[user]
    event = {
        "id": str(uuid.uuid4()),
        "verb": "opened",
        "lesson": load.lessons[0],
        "occurred_at": load.occurred_at,
    }
    request = urllib.request.Request(  # noqa: S310
        url,
        data=json.dumps({"events": [event]}).encode(),
        method="POST",
        headers={
            "Cookie": load.cookies[user],
            "X-CSRFToken": pair["token"],
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = json.loads(response.read())
        if response.status != 200 or body.get("recorded") != 1:
            raise RuntimeError(f"{url} did not record an event: {response.status} {body}")


def _hide_password(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return url


def run_job(
    stack: Stack, job: scenarios.Job, models: set[str], env_update: dict | None = None
) -> JobResult:
    """Run a management command, timing it and reading its peak memory; a
    ``module`` job reports its own figures on its last line."""
    program = ["-m", job.module] if job.module else ["manage.py"]
    command = [PYTHON, *program, *job.argv]
    shown = shlex.join(_display(command))
    if env_update:
        shown = " ".join(f"{k}={shlex.quote(v)}" for k, v in env_update.items()) + " " + shown
    missing = [label for label in job.requires if label not in models]
    if missing:
        return JobResult(
            "not run", detail=f"not in this build: {', '.join(missing)}", command=shown
        )
    say(f"Job: {shown}")
    log = stack.log_dir / f"job-{job.key}.log"
    stack.commands.append(shown)
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**stack.env(), **(env_update or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        _, wait_status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    peak_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8")[-2000:]
        return JobResult("failed", seconds, peak_mb, tail, shown)
    lines = log.read_text(encoding="utf-8").strip().splitlines()
    detail, metrics = "", {}
    if job.module:
        own = json.loads(lines[-1])
        seconds, peak_mb, detail = own["seconds"], own["peak_mb"], own.get("detail", "")
        metrics = own.get("metrics", {})
    elif job.reports_output:
        # What the command says it did (generate_load_data: the rows per table).
        said = [line for line in lines if line.strip() and " INFO " not in line]
        detail = said[-1] if said else ""
    say(f"  {seconds:.1f} s, peak {peak_mb:.0f} MB {detail}")
    return JobResult("ok", seconds, peak_mb, detail, shown, metrics)


def check(url: str, cookie: str | None) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        if response.status != 200 or response.url != url:
            raise RuntimeError(f"{url} answered {response.status} at {response.url}")


def server_cpu_seconds(stack: Stack) -> float:
    """CPU time (user + system) of gunicorn's master and workers so far."""
    server = stack._server
    if server is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state ppid pgrp session ... utime(12) stime(13)
        if int(fields[2]) == server.pid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def wait_until_idle(stack: Stack, *, window: float = 1.0, limit: float = 120.0) -> None:
    """Wait until gunicorn has answered what the previous wrk run left behind.

    wrk stops at the end of its duration without waiting for the requests it
    has in flight, but the sync workers still compute every one of them, and
    those queued in the listen backlog: after a warm-up with 10 connections
    on a page of a second, the next row's first requests would wait several
    seconds behind pages nobody reads (the class view's row, measured first at
    one connection, got 9 requests in 5 s with a p95 of 3 s, or none at all).
    Idle: gunicorn used under 20 ms of CPU in ``window`` seconds."""
    deadline = time.monotonic() + limit
    last = server_cpu_seconds(stack)
    while time.monotonic() < deadline:
        time.sleep(window)
        now = server_cpu_seconds(stack)
        if now - last < 0.02:
            return
        last = now


def say(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()
