"""Two app servers behind a load balancer: two gunicorns sharing one PostgreSQL and one Redis.

A sign-up on one shows at once on the other's agenda and event page (both with the
page cache on), the last seat is never sold twice across them, and the rate limit
counts the posts to both.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.servers import collected_static

ROOT = Path(__file__).resolve().parents[2]
# Not the rate-limit test's database (7, or TEST_REDIS_URL's own): both empty theirs first, and under
# pytest-xdist they may run at the same time.
_given = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
REDIS_URL = f"{_given.rpartition('/')[0]}/{int(_given.rpartition('/')[2] or 0) + 1}"


def postgres_url():
    """A database of its own on the PostgreSQL server the suite uses (or the local one)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/osp")
    server, name = url.rsplit("/", 1)
    return server, f"{name}_two_servers"


def reachable():
    try:
        import psycopg
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        server, _name = postgres_url()
        psycopg.connect(f"{server}/postgres", connect_timeout=2).close()
        return True
    except Exception:  # any failure means: not here
        return False


pytestmark = pytest.mark.skipif(
    not reachable() and not os.environ.get("CI"), reason="needs PostgreSQL and Redis on 127.0.0.1 (CI has them)"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_sql(dsn, *statements, fetch=False):
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as connection:
        for statement in statements:
            cursor = connection.execute(statement)
        return cursor.fetchall() if fetch else None


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    import redis

    server, name = postgres_url()
    run_sql(f"{server}/postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()  # this test's own Redis database
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "two-servers-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{server}/{name}",
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(collected_static(tmp_path_factory)),
        "PAGE_CACHE_SECONDS": "120",
        # Per address and a long window, so no window ends during the test.
        "OSP_FORM_RATE_LIMIT": "10/1000d",
        "OSP_FORM_MIN_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    make_events = (
        "import datetime; from django.utils import timezone; from events.models import Event, EventType;"
        "t = EventType.objects.create(name='Oudercafé', slug='oudercafe', description='x', for_whom='ouders');"
        "start = timezone.now() + datetime.timedelta(days=7);"
        "[Event.objects.create(type=t, title=f'Café {slug}', slug=slug, starts_at=start, "
        "ends_at=start + datetime.timedelta(hours=2), place_name='Buurthuis', capacity=capacity) "
        "for slug, capacity in [('seen', 2), ('last-seat', 1), ('roomy', 50)]]"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", make_events], cwd=ROOT, env=env, check=True)
    processes, bases = [], []
    for _ in range(2):
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "oudersteunpunt.wsgi", "--workers", "2"]
        processes.append(
            subprocess.Popen(
                [*command, "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base in bases:
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/health/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail(f"{base} did not start")
        yield bases, env["DATABASE_URL"]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def sign_up(base, slug, email):
    """A fresh visitor (own cookies) fills in the form; the status of the answer."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/agenda/{slug}/"
    page = opener.open(url, timeout=10).read().decode()
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', page))
    data = {**fields, "name": "Sanne", "email": email, "role": "parent", "people": "1", "consent": "on"}
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url})
    try:
        return opener.open(request, timeout=20).status
    except urllib.error.HTTPError as error:
        return error.code


def statuses(dsn, slug):
    rows = run_sql(
        dsn,
        "SELECT s.status, count(*) FROM events_signup s JOIN events_event e ON e.id = s.event_id "
        f"WHERE e.slug = '{slug}' GROUP BY s.status",
        fetch=True,
    )
    return dict(rows)


def test_two_servers_share_signups_seats_and_the_rate_limit(servers):
    (a, b), dsn = servers
    # Both servers have the agenda and the event page in their page cache.
    for base in (a, b):
        for _ in range(2):
            assert "nog 2 plekken" in get(base + "/agenda/")
            assert "Nog 2 plekken vrij." in get(base + "/agenda/seen/")

    assert sign_up(a, "seen", "een@example.org") == 200
    assert "nog 1 plek" in get(b + "/agenda/")
    assert "Nog 1 plek vrij." in get(b + "/agenda/seen/")

    # Six parents at once, three on each server, for the one seat.
    with ThreadPoolExecutor(6) as pool:
        codes = list(pool.map(lambda i: sign_up((a, b)[i % 2], "last-seat", f"p{i}@example.org"), range(6)))
    assert codes == [200] * 6
    assert statuses(dsn, "last-seat") == {"confirmed": 1, "waiting": 5}

    # 7 posts so far from this address; the limit is 10 over both servers together.
    codes = [sign_up((a, b)[i % 2], "roomy", f"r{i}@example.org") for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert statuses(dsn, "roomy") == {"confirmed": 3}
