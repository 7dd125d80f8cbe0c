"""A real gunicorn (DEBUG off) on a port the OS picks, for tests that need what a browser gets.

Django's test client never goes through a WSGI server: the address the site
sees, a database that refuses connections at start-up and the error pages as
served are only real here.
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "fault-tests",
    "ALLOWED_HOSTS": "127.0.0.1",
    "OSP_FORM_MIN_SECONDS": "0",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}
# Variables of the machine running the tests that would change the server under test.
DROPPED = {"DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DATABASE_URL", "TRUSTED_PROXY_COUNT", "PAGE_CACHE_SECONDS"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp_path, **extra):
    return {
        **{k: v for k, v in os.environ.items() if k not in DROPPED},
        **BASE_ENV,
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }


def prepare(tmp_path_factory, name):
    """A migrated SQLite file and collected static files (both made once per test run), copied per server."""
    from tests.servers import collected_static, migrated_database

    folder = tmp_path_factory.mktemp(name)
    shutil.copy(migrated_database(tmp_path_factory), folder / "db.sqlite3")
    (folder / "static").symlink_to(collected_static(tmp_path_factory), target_is_directory=True)
    return folder


@contextmanager
def gunicorn(prepared, tmp_path, *args, **extra_env):
    shutil.copy(prepared / "db.sqlite3", tmp_path / "db.sqlite3")
    env = server_env(tmp_path, STATIC_ROOT=str(prepared / "static"), **extra_env)
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "oudersteunpunt.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start: {process.stderr.read()}") from None
                time.sleep(0.1)
        yield Browser(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)


class Browser:
    """One visitor: own cookies, optional headers on every request (as a proxy would add)."""

    def __init__(self, base, headers=None):
        self.base = base
        self.headers = headers or {}
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def visitor(self, **headers):
        return Browser(self.base, headers)

    def request(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path, **self.headers, **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def get(self, path):
        return self.request(path)

    def post_form(self, path, fields):
        """Fetch the form page first, as a browser does, for its CSRF token and start time."""
        _status, page, _headers = self.get(path)
        hidden = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', page))
        return self.request(path, {**hidden, **fields})


CONTACT_FORM = {
    "name": "Ouder Proxytest",
    "contact_method": "email",
    "email": "ouder@example.org",
    "message": "Mijn vraag over de school",
    "consent": "on",
    "website": "",
}
