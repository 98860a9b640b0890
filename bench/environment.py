"""The machine and the versions a benchmark ran on, for the report."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from bench import wrk
from bench.stack import ROOT

PACKAGES = (
    ("Django", "Django"),
    ("Wagtail", "wagtail"),
    ("gunicorn", "gunicorn"),
    ("psycopg", "psycopg"),
    ("WhiteNoise", "whitenoise"),
    ("redis-py", "redis"),
)


def machine() -> dict[str, str]:
    cpuinfo = _read("/proc/cpuinfo")
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor() or "unknown",
    )
    meminfo = _read("/proc/meminfo")
    mem_kb = next(
        (int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")), 0
    )
    return {
        "cpu": model,
        "cores": str(os.cpu_count() or 0),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "os_release": _os_release(),
    }


def loadavg() -> str:
    return " ".join(_read("/proc/loadavg").split()[:3])


def versions(env: dict | None) -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for label, package in PACKAGES:
        try:
            found[label] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[label] = "not installed"
    found["PostgreSQL"] = _postgres_version(env)
    found["Redis server"] = _redis_version(env)
    found["wrk"] = wrk.version()
    found["Commit"] = _git_commit()
    return found


def _postgres_version(env: dict | None) -> str:
    if not env:
        return "unknown"
    try:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"].replace("postgres://", "postgresql://")) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except Exception as exc:  # noqa: BLE001 - reported, never fatal
        return f"unknown ({type(exc).__name__})"


def _redis_version(env: dict | None) -> str:
    if not env:
        return "unknown"
    try:
        import redis

        return redis.Redis.from_url(env["CACHE_URL"]).info("server")["redis_version"]
    except Exception as exc:  # noqa: BLE001 - reported, never fatal
        return f"unknown ({type(exc).__name__})"


def _git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, text=True, capture_output=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"{commit} (with uncommitted changes)" if dirty else commit


def _os_release() -> str:
    for line in _read("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"')
    return ""


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
