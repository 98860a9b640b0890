"""Load a URL with wrk and read its result (through bench/wrk_summary.lua)."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).with_name("wrk_summary.lua")
EVENTS_LUA = Path(__file__).with_name("wrk_events.lua")
MARKER = "WRK_JSON "
# What a phone browser sends: the app and WhiteNoise choose the encoding.
HEADERS = ("Accept-Encoding: gzip, deflate, br", "Accept: text/html,*/*;q=0.8")


@dataclass(frozen=True)
class WrkRun:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    # Rows that post learning events (bench/wrk_events.lua): events the
    # server said it recorded, and responses that did not record them all.
    recorded: int = 0
    not_recorded: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def command(
    url: str,
    *,
    connections: int,
    seconds: int,
    threads: int = 2,
    cookie: str | None = None,
    headers: tuple[str, ...] = (),
    script: Path = LUA,
    script_args: tuple[str, ...] = (),
) -> list[str]:
    args = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script.relative_to(script.parent.parent)),
    ]
    for header in (*HEADERS, *headers):
        args += ["-H", header]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    args.append(url)
    if script_args:
        args += ["--", *script_args]
    return args


def display(args: list[str]) -> str:
    """The command with any session cookie or CSRF token hidden, and the list
    of lesson ids after the run's arguments shortened."""
    shown = []
    for a in args:
        if a.startswith("Cookie:"):
            a = "Cookie: <the user's session and CSRF cookies>"
        elif a.startswith("X-CSRFToken:"):
            a = "X-CSRFToken: <its CSRF token>"
        shown.append(a)
    if "--" in shown:
        extra = shown[shown.index("--") + 1 :]
        if len(extra) > 3:  # per request, nonce, time, then the lesson ids
            shown = [*shown[: shown.index("--") + 4], f"<{len(extra) - 3} lesson ids>"]
    return shlex.join(shown)


def run(args: list[str], *, cwd: Path) -> WrkRun:
    result = subprocess.run(args, cwd=cwd, text=True, capture_output=True, check=False)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith(MARKER)), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    data = json.loads(line[len(MARKER) :])
    latency = {key: value / 1000 for key, value in data["latency_us"].items()}
    return WrkRun(
        requests=data["requests"],
        seconds=data["duration_us"] / 1_000_000,
        errors=sum(data["errors"].values()),
        p50_ms=latency["p50"],
        p90_ms=latency["p90"],
        p95_ms=latency["p95"],
        p99_ms=latency["p99"],
        mean_ms=latency["mean"],
        max_ms=latency["max"],
        recorded=data.get("recorded", 0),
        not_recorded=data.get("not_recorded", 0),
    )


def version() -> str:
    if not shutil.which("wrk"):
        return "not installed"
    result = subprocess.run(["wrk", "--version"], text=True, capture_output=True, check=False)
    first = (result.stdout or result.stderr).splitlines()[0]
    return first.split(" Copyright")[0]
