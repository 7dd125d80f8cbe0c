"""The address rate limits count by: through trusted proxies only, the same for allauth.

Behind the TLS proxy of the README every request comes from the proxy's
address; without X-Forwarded-For every parent would share one count. But a
visitor writes that header as easily: only the entries the trusted proxies
appended count.
"""

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory

from contact.models import ContactRequest
from oudersteunpunt.spam import client_address
from tests.helpers import guard_fields

from ..faults.server import CONTACT_FORM, gunicorn, prepare

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


def request_from(peer, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/contact/", REMOTE_ADDR=peer, **extra)


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # no trusted proxy: the header is the visitor's own words
        (1, None, PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the visitor's own entry is left of the proxy's
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.4", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-address", PROXY),
        (1, "6.6.6.6, ", PROXY),
    ],
)
def test_client_address(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request_from(PROXY, forwarded)) == expected


@pytest.mark.parametrize("count", [0, 1])
def test_allauth_counts_by_the_same_address(settings, count):
    settings.TRUSTED_PROXY_COUNT = count
    request = request_from(PROXY, "6.6.6.6, 203.0.113.7")
    assert get_adapter(request).get_client_ip(request) == client_address(request)


def send(client, forwarded, **fields):
    return client.post(
        "/contact/", {**CONTACT_FORM, **guard_fields(), **fields}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
    )


def test_two_parents_behind_one_trusted_proxy_are_counted_apart(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.OSP_FORM_RATE_LIMIT = "2/h"
    client = Client()
    first = [send(client, "203.0.113.1").status_code for _ in range(3)]
    assert first == [302, 302, 429]
    assert send(client, "203.0.113.2").status_code == 302
    assert ContactRequest.objects.count() == 3


@pytest.mark.parametrize("count", [0, 1])
def test_a_forged_forwarded_for_gives_no_fresh_count(settings, count):
    settings.TRUSTED_PROXY_COUNT = count
    settings.OSP_FORM_RATE_LIMIT = "2/h"
    client = Client()
    # The visitor writes a new address each time; the proxy appends the real one (or there is no proxy).
    statuses = [send(client, f"198.51.100.{i}, 203.0.113.9").status_code for i in range(4)]
    assert statuses == [302, 302, 429, 429]


def test_a_rate_limited_form_keeps_what_was_typed(settings):
    settings.OSP_FORM_RATE_LIMIT = "1/h"
    client = Client()
    assert send(client, "", message="Eerste vraag").status_code == 302
    response = send(client, "", name="Fatima Yilmaz", message="Mijn dochter wordt niet toegelaten.")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Fatima Yilmaz" in page and "Mijn dochter wordt niet toegelaten." in page
    assert "kun je dit formulier weer versturen" in page
    assert 'id="form-errors"' in page  # the error summary the browser moves focus to
    assert ContactRequest.objects.count() == 1


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    return prepare(tmp_path_factory, "proxy")


class TestThroughGunicorn:
    """REMOTE_ADDR as gunicorn really gives it: the proxy (here the test) at 127.0.0.1."""

    def test_parents_counted_apart_and_forged_entries_ignored(self, prepared, tmp_path):
        with gunicorn(
            prepared,
            tmp_path,
            "--forwarded-allow-ips=127.0.0.1",
            TRUSTED_PROXY_COUNT="1",
            OSP_FORM_RATE_LIMIT="2/h",
        ) as server:
            anna = [
                server.visitor(**{"X-Forwarded-For": f"198.51.100.{i}, 203.0.113.1"}).post_form(
                    "/contact/", CONTACT_FORM
                )[0]
                for i in range(3)
            ]
            assert anna == [200, 200, 429]  # sent (thank-you page after the redirect), sent, limited
            bram = server.visitor(**{"X-Forwarded-For": "203.0.113.2"})
            status, page, _headers = bram.post_form("/contact/", CONTACT_FORM)
            assert status == 200
