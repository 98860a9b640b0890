"""The production-like stack the benchmark runs against: a dedicated
PostgreSQL database, two dedicated Redis databases, static files collected
into a temporary folder and gunicorn with two sync workers of
``cms.settings.production``. ``Stack`` is a context manager: leaving it (on
success, failure, Ctrl-C or SIGTERM) stops gunicorn and removes what it made.
"""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


@dataclass
class Config:
    database_url: str = "postgres://postgres@127.0.0.1:5432/hocvuso_bench"
    redis_url: str = "redis://127.0.0.1:6379"
    # Redis databases of their own, so test runs that flush 1-3 do not
    # empty the benchmark's cache mid-run (and the benchmark never touches theirs).
    cache_db: int = 10
    broker_db: int = 11
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 2
    keep_db: bool = False


@dataclass
class Stack:
    config: Config
    log_dir: Path
    commands: list[str] = field(default_factory=list)
    _tmp: tempfile.TemporaryDirectory | None = None
    _server: subprocess.Popen | None = None
    _db_created: bool = False

    # --- lifecycle ----------------------------------------------------------------
    def __enter__(self) -> Stack:
        self._tmp = tempfile.TemporaryDirectory(prefix="hocvuso-bench-")
        self._previous = {
            sig: signal.signal(sig, _raise_exit) for sig in (signal.SIGTERM, signal.SIGHUP)
        }
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.stop_server()
            if self._db_created and not self.config.keep_db:
                self._drop_database()
        finally:
            if self._tmp is not None:
                self._tmp.cleanup()
            for sig, handler in self._previous.items():
                signal.signal(sig, handler)

    @property
    def tmp(self) -> Path:
        assert self._tmp is not None
        return Path(self._tmp.name)

    @property
    def base_url(self) -> str:
        return f"http://{self.config.host}:{self.config.port}"

    # --- environment ------------------------------------------------------------------
    def env(self, *, server: bool = False) -> dict[str, str]:
        """Production settings with what a benchmark on one machine needs.

        Setup commands run with tasks eager (no worker is running); gunicorn
        gets the Redis broker as production has it."""
        redis = self.config.redis_url.rstrip("/")
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_CONN_MAX_AGE", "DEBUG", "CACHE_URL", "CELERY_BROKER_URL"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=self._secret_key,
            ALLOWED_HOSTS=f"{self.config.host},localhost",
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=self.config.database_url,
            CACHE_URL=f"{redis}/{self.config.cache_db}",
            CACHE_KEY_PREFIX="hocvuso-bench",
            CELERY_BROKER_URL=f"{redis}/{self.config.broker_db}" if server else "",
            STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / "media"),
            PRIVATE_MEDIA_ROOT=str(self.tmp / "private-media"),
            BENCHMARK_VIEWS="true",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        return env

    @property
    def _secret_key(self) -> str:
        if not hasattr(self, "_key"):
            self._key = secrets.token_urlsafe(50)
        return self._key

    ENV_SHOWN = (
        "DJANGO_SETTINGS_MODULE",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
        "DATABASE_URL",
        "CACHE_URL",
        "CELERY_BROKER_URL",
        "BENCHMARK_VIEWS",
    )

    def shown_env(self) -> str:
        env = self.env(server=True)
        shown = " ".join(f"{key}={shlex.quote(env[key])}" for key in self.ENV_SHOWN)
        return f"SECRET_KEY=<random> STATIC_ROOT=<temporary folder> {shown}"

    # --- commands ------------------------------------------------------------------------
    def run(self, args: list[str], *, record: bool = True, **kwargs) -> subprocess.CompletedProcess:
        """Run a command in the benchmark environment; fail loudly."""
        if record:
            self.commands.append(shlex.join(_display(args)))
        kwargs.setdefault("env", self.env())
        result = subprocess.run(args, cwd=ROOT, text=True, capture_output=True, **kwargs)
        if result.returncode != 0:
            raise RuntimeError(
                f"{shlex.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result

    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.run([PYTHON, "manage.py", *args], **kwargs)

    # --- services -------------------------------------------------------------------------
    def prepare(self) -> None:
        """A fresh database with the schema, a flushed cache, static files."""
        self._recreate_database()
        self._flush_redis()
        self.manage("migrate", "--no-input", "-v0")
        self.manage("compiletranslations", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")

    def _admin_url(self) -> tuple[str, str]:
        parsed = urlparse(self.config.database_url)
        name = parsed.path.lstrip("/")
        if not name or not name.replace("_", "").isalnum():
            raise ValueError(f"unexpected benchmark database name {name!r}")
        return urlunparse(parsed._replace(path="/postgres")), name

    def _recreate_database(self) -> None:
        import psycopg

        admin_url, name = self._admin_url()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        self._db_created = True
        self.commands.append(f"createdb {name}  # dropped first if it exists")

    def _drop_database(self) -> None:
        import psycopg

        admin_url, name = self._admin_url()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _flush_redis(self) -> None:
        import redis

        for db in (self.config.cache_db, self.config.broker_db):
            redis.Redis.from_url(f"{self.config.redis_url.rstrip('/')}/{db}").flushdb()

    def server_command(self) -> list[str]:
        return [
            GUNICORN,
            "cms.wsgi",
            "--workers",
            str(self.config.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"{self.config.host}:{self.config.port}",
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log_dir / "gunicorn.log"),
        ]

    def start_server(self) -> None:
        command = self.server_command()
        self.commands.append(shlex.join(_display(command)) + " &")
        # Django logs errors (with tracebacks) to the console: keep them.
        with (self.log_dir / "gunicorn.out").open("w", encoding="utf-8") as out:
            self._server = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env(server=True),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._server.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({self._server.returncode}); see {self.log_dir}/gunicorn.log"
                )
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def stop_server(self) -> None:
        server, self._server = self._server, None
        if server is None or server.poll() is not None:
            return
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        except ProcessLookupError:
            pass


def _raise_exit(signum, frame):
    raise SystemExit(128 + signum)


def _display(args: list[str]) -> list[str]:
    """Commands as a reader would type them from the repository root."""
    shown = []
    for arg in args:
        if arg == PYTHON:
            arg = ".venv/bin/python"
        elif arg == GUNICORN:
            arg = ".venv/bin/gunicorn"
        elif arg.startswith(str(ROOT) + "/"):
            arg = arg[len(str(ROOT)) + 1 :]
        shown.append(arg)
    return shown
