"""The site keeps serving when Redis is down, and says so honestly when the database is.

Outages are a closed port, never a stopped shared service: Redis at
127.0.0.1:9, PostgreSQL at 127.0.0.1:9. One test starts a Redis of its own to
stop and start again, to prove the site goes back to it by itself.
"""

import contextlib
import json
import logging
import shutil
import socket
import sqlite3
import subprocess
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from buddies.models import BuddyRequest
from contact.models import ContactRequest
from events.models import Signup
from oudersteunpunt.cache import FallbackRedisCache
from tests.factories import (
    PASSWORD,
    EventFactory,
    MunicipalityFactory,
    PageFactory,
    PhaseFactory,
    QuestionFactory,
    TermFactory,
    UserFactory,
)
from tests.helpers import guard_fields

from .server import CONTACT_FORM, free_port, gunicorn, prepare

pytestmark = pytest.mark.django_db

CLOSED_REDIS = "redis://127.0.0.1:9/0"
CLOSED_POSTGRES = "postgres://postgres@127.0.0.1:9/none"


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "oudersteunpunt.cache.FallbackRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "osp-faults",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5},
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(CLOSED_REDIS)
    settings.PAGE_CACHE_SECONDS = 120  # the page cache is on, as in production


@pytest.fixture
def content(site_settings):
    question = QuestionFactory(title="Wat is een OPP?", slug="wat-is-een-opp")
    TermFactory(term="OPP")
    PageFactory(slug="privacy")
    return {"question": question, "event": EventFactory(), "phase": question.phase}


def public_urls(content):
    question, event = content["question"], content["event"]
    return [
        "/",
        "/vragen/",
        question.phase.get_absolute_url(),
        question.get_absolute_url(),
        "/zoeken/?q=opp",
        "/begrippen/",
        "/agenda/",
        event.get_absolute_url(),
        "/agenda/agenda.ics",
        f"/agenda/{event.slug}/agenda.ics",
        "/buddy/",
        "/contact/",
        "/privacy/",
        "/robots.txt",
        "/sitemap.xml",
        "/en/",
        "/health/",
    ]


class TestRedisDown:
    def test_every_public_page_is_served(self, redis_down, content):
        client = Client(raise_request_exception=False)
        for url in public_urls(content):
            response = client.get(url)
            assert response.status_code == 200, url

    def test_forms_are_stored(self, redis_down, content, mailoutbox):
        client = Client()
        MunicipalityFactory()
        PhaseFactory()
        contact = client.post(
            "/contact/",
            {**CONTACT_FORM, **guard_fields(), "vraag": content["question"].slug},
        )
        assert contact.status_code == 302
        signup = client.post(
            content["event"].get_absolute_url(),
            {"name": "Sanne", "email": "sanne@example.org", "role": "parent", "people": "1", "consent": "on"}
            | guard_fields(),
        )
        assert signup.status_code == 302
        from buddies.models import Municipality

        buddy = client.post(
            "/buddy/",
            {
                "name": "Linda",
                "contact_method": "email",
                "email": "linda@example.org",
                "municipality": Municipality.objects.get().pk,
                "child_age": "9",
                "hopes": "Iemand die het kent.",
                "consent": "on",
            }
            | guard_fields(),
        )
        assert buddy.status_code == 302, buddy.content.decode()[:2000]
        assert ContactRequest.objects.count() == 1
        assert Signup.objects.count() == 1
        assert BuddyRequest.objects.count() == 1
        assert client.get(contact.url).status_code == 200

    def test_rate_limits_count_per_process_and_say_so(self, redis_down, settings, caplog):
        settings.OSP_FORM_RATE_LIMIT = "2/h"
        client = Client()
        with caplog.at_level(logging.WARNING, logger="oudersteunpunt.cache"):
            statuses = [client.post("/contact/", CONTACT_FORM | guard_fields()).status_code for _ in range(3)]
        assert statuses == [302, 302, 429]
        assert ContactRequest.objects.count() == 2
        assert "counts rate limits per process" in caplog.text

    def test_staff_can_still_log_in(self, redis_down):
        # allauth's rate limit takes a lock with cache.add; a cache that answers None would refuse the login.
        user = UserFactory()
        response = Client().post("/account/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302

    def test_health_reports_the_cache_degraded_not_down(self, redis_down):
        response = Client().get("/health/")
        assert response.status_code == 200
        assert response.json() == {"status": "degraded", "cache": "down"}
        assert "no-cache" in response["Cache-Control"]


def test_health_is_ok_when_all_is_up(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_health_is_503_when_the_database_cannot_be_reached(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("refused")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "down"


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server (CI installs it)")
def test_the_site_goes_back_to_redis_by_itself(settings, tmp_path, monkeypatch, caplog):
    """A Redis of this test's own, stopped and started again on the same port."""
    port = free_port()
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{port}/0")
    monkeypatch.setattr(FallbackRedisCache, "RETRY_SECONDS", 0)  # try Redis again at the next call
    import redis

    def start():
        process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
        )
        direct = redis.Redis(port=port)
        for _ in range(100):
            try:
                direct.ping()
                return process, direct
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(process):
        process.terminate()
        process.wait(timeout=10)

    process, direct = start()
    try:
        cache.set("kept", "in redis")
        assert direct.keys("*kept") != []
        stop(process)
        with caplog.at_level(logging.INFO, logger="oudersteunpunt.cache"):
            cache.set("during", "in memory")
            assert cache.get("during") == "in memory"
            assert Client().get("/health/").json() == {"status": "degraded", "cache": "down"}
            process, direct = start()
            cache.set("after", "in redis again")
            assert direct.keys("*after") != []
            assert Client().get("/health/").json() == {"status": "ok"}
        assert "Redis cannot be reached" in caplog.text and "Redis answers again" in caplog.text
    finally:
        stop(process)


def test_a_redis_that_never_answers_costs_one_timeout_not_one_per_call(settings, content, monkeypatch):
    """A socket that accepts and stays silent: after the first timeout the process stops asking for a while."""
    monkeypatch.setattr(FallbackRedisCache, "RETRY_SECONDS", 600)  # longer than this test, however slow the machine
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0)
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
    settings.PAGE_CACHE_SECONDS = 120
    accepted = []
    try:
        client = Client()
        for url in public_urls(content)[:8]:
            assert client.get(url).status_code == 200, url
            with contextlib.suppress(BlockingIOError):
                while True:
                    accepted.append(listener.accept()[0])
        assert len(accepted) == 1
    finally:
        for connection in accepted:
            connection.close()
        listener.close()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    return prepare(tmp_path_factory, "faults")


class TestRealServer:
    """Through gunicorn, with the services at a closed port from the start."""

    def test_redis_at_a_closed_port(self, prepared, tmp_path):
        with gunicorn(prepared, tmp_path, REDIS_URL=CLOSED_REDIS) as browser:
            for url in ["/", "/vragen/", "/agenda/", "/contact/", "/zoeken/?q=school", "/buddy/"]:
                assert browser.get(url)[0] == 200, url
            status, page, _headers = browser.post_form("/contact/", CONTACT_FORM)
            assert status == 200 and "verstuurd" in page.lower()
            status, body, _headers = browser.get("/health/")
            assert (status, json.loads(body)) == (200, {"status": "degraded", "cache": "down"})
        with sqlite3.connect(tmp_path / "db.sqlite3") as db:
            assert db.execute("SELECT count(*) FROM contact_contactrequest").fetchone() == (1,)

    def test_database_at_a_closed_port(self, prepared, tmp_path):
        with gunicorn(prepared, tmp_path, DATABASE_URL=CLOSED_POSTGRES) as browser:
            status, body, headers = browser.get("/health/")
            assert status == 503 and json.loads(body)["status"] == "down"
            status, page, headers = browser.get("/vragen/")
            assert status == 503 and headers["Retry-After"]
            assert "De website is even niet bereikbaar" in page and "bericht" not in page
            # A form sent while the database is down: a CSRF secret of our own, as a browser would hold one.
            secret = "a" * 32
            status, page, _headers = browser.request(
                "/contact/", {**CONTACT_FORM, "csrfmiddlewaretoken": secret}, headers={"Cookie": f"csrftoken={secret}"}
            )
            assert status == 503
            assert "Je bericht is niet verstuurd" in page and "terugknop" in page
