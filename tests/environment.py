"""Loaded by pytest before Django's settings (``-p tests.environment``).

The tests run with the production defaults (DEBUG off); they only need a secret
key and a host name. Anything already set in the environment wins, so CI can
point DATABASE_URL at PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "only-for-the-tests")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
# Playwright runs an event loop in the test thread; the ORM calls in browser
# tests are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Under pytest-xdist (gw0, gw1, …) the tests empty the cache between tests; with REDIS_URL set, that would
# empty the other workers' cache too. Each worker takes the next Redis database: /N, /N+1, …
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _base, _slash, _number = os.environ["REDIS_URL"].rpartition("/")
    os.environ["REDIS_URL"] = f"{_base}/{int(_number or 0) + int(_worker[2:])}"
