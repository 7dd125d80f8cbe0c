"""Real servers for tests that must see what a browser receives.

Django's test client never goes through a WSGI server, so headers such as
``Content-Length`` are only checked for real with gunicorn and ``DEBUG`` off.
Use the fixtures from a test module::

    # every fixture the used ones depend on must be imported too
    from tests.servers import demo_database, demo_database_template, gunicorn, static_root  # noqa: F401

    def test_something(gunicorn, demo_database):
        server = gunicorn(DATABASE_URL=demo_database)
        response = server.request("GET", "/")

``gunicorn(**env)`` starts a server on a port the operating system picks (the
listening socket is handed to gunicorn, so no other process can take the port
in between) and may be called more than once, for example for two servers that
share PostgreSQL and Redis. Every server is stopped when the test ends.
"""

import fcntl
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 60


def production_env(tmp_path, **overrides):
    """The settings of a deployment (DEBUG off), on files under ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL")}
    env.update(
        DEBUG="false",
        SECRET_KEY="a-secret-only-for-server-tests",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PAGE_CACHE_SECONDS="120",
        OSP_FORM_MIN_SECONDS="0",
    )
    env.update({name: str(value) for name, value in overrides.items()})
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    def header(self, name):
        return self.headers.get(name.lower())


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    env: dict
    log: Path
    host: str = "127.0.0.1"
    cookies: dict = field(default_factory=dict)

    @property
    def base(self):
        return f"http://{self.host}:{self.port}"

    def request(self, method, path, body=None, headers=None, timeout=30):
        """One raw HTTP/1.1 request: the body exactly as sent, cut where ``Content-Length`` says."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            content = response.read()
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, content)
        finally:
            connection.close()

    def raw(self, path, timeout=30):
        """Everything the server sends for a GET (with ``Connection: close``), not cut at any length."""
        with socket.create_connection((self.host, self.port), timeout=timeout) as conn:
            conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nConnection: close\r\n\r\n".encode())
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        head, _sep, body = b"".join(chunks).partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.split(": ", 1) for line in lines[1:])
        return Response(int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_gunicorn(env, *, workers=1, args=(), log=None):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    log = log or Path(env["STATIC_ROOT"]).parent / f"gunicorn-{port}.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "oudersteunpunt.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"fd://{listener.fileno()}",
                "--graceful-timeout",
                "5",
                *args,
            ],
            cwd=ROOT,
            env=env,
            pass_fds=[listener.fileno()],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    listener.close()  # gunicorn has its own copy
    server = Server(process, port, env, log)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            if server.request("GET", "/health/", timeout=5).status < 500:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer within {START_SECONDS} s:\n{log.read_text()[-3000:]}")


def built_once(tmp_path_factory, name, build):
    """``build(folder)`` once per test run, also when pytest-xdist runs it in several workers: the folder.

    The workers of one run share the parent of their own temporary folders; a lock file there makes
    the others wait until the first has built it.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / ".built").touch()
    return folder


def collected_static(tmp_path_factory):
    """STATIC_ROOT as in production (hashed and compressed), collected once per test run; use it read-only."""

    def build(folder):
        manage(production_env(folder, STATIC_ROOT=folder / "static"), "collectstatic", "--noinput", "-v0")

    return built_once(tmp_path_factory, "static", build) / "static"


def migrated_database(tmp_path_factory):
    """An empty SQLite file with every migration applied, made once per test run: copy it before use."""

    def build(folder):
        manage(production_env(folder), "migrate", "--noinput", "-v0")

    return built_once(tmp_path_factory, "migrated-db", build) / "db.sqlite3"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Collected once per test run: hashed and compressed, as in production."""
    return collected_static(tmp_path_factory)


@pytest.fixture(scope="session")
def demo_database_template(tmp_path_factory):
    empty = migrated_database(tmp_path_factory)

    def build(folder):
        shutil.copy(empty, folder / "db.sqlite3")
        manage(production_env(folder), "load_demo")

    return built_once(tmp_path_factory, "demo-db", build) / "db.sqlite3"


@pytest.fixture
def demo_database(demo_database_template, tmp_path):
    """A migrated SQLite file with the demo content, a fresh copy for each test: its ``DATABASE_URL``."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_database_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def gunicorn(tmp_path, static_root):
    """``gunicorn(workers=1, args=(), **env)`` starts a server with production settings; see the module."""
    servers = []

    def start(*, workers=1, args=(), **env):
        folder = tmp_path / f"server-{len(servers)}"
        folder.mkdir()
        server = start_gunicorn(
            production_env(folder, STATIC_ROOT=static_root, **env),
            workers=workers,
            args=args,
            log=folder / "gunicorn.log",
        )
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
