"""The form rate limit holds across two gunicorn workers that share Redis."""

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.faults.server import free_port
from tests.servers import collected_static, migrated_database

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:  # any failure means: no Redis here
        return False


pytestmark = pytest.mark.skipif(
    not redis_available() and not os.environ.get("CI"), reason="needs Redis on 127.0.0.1:6379 (CI has it)"
)


@pytest.fixture
def server(tmp_path, tmp_path_factory):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    shutil.copy(migrated_database(tmp_path_factory), tmp_path / "db.sqlite3")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DEBUG": "false",
        "SECRET_KEY": "rate-limit-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(collected_static(tmp_path_factory)),
        "OSP_FORM_RATE_LIMIT": "3/h",
        "OSP_FORM_MIN_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PAGE_CACHE_SECONDS": "0",
    }
    port = free_port()  # never a fixed port: other test runs share this machine
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "oudersteunpunt.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/health/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


def post_contact(base):
    """A fresh visitor each time (new connection, own cookies), as a flood from one address looks."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/contact/").read().decode()
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', page))
    data = {
        **fields,
        "name": "Test",
        "contact_method": "email",
        "email": "t@example.org",
        "message": "Vraag",
        "consent": "on",
    }
    request = urllib.request.Request(
        base + "/contact/", data=urllib.parse.urlencode(data).encode(), headers={"Referer": base + "/contact/"}
    )
    try:
        return opener.open(request).status
    except urllib.error.HTTPError as error:
        return error.code


def test_rate_limit_is_shared_by_the_workers(server):
    statuses = [post_contact(server) for _ in range(6)]
    assert statuses[:3] == [200, 200, 200]  # sent, then the thank-you page (redirect followed)
    assert statuses[3:] == [429, 429, 429]
