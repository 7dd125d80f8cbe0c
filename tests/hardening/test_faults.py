from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from events.models import Signup
from events.services import signup_create
from oudersteunpunt.models import QueuedMail
from tests.factories import EventFactory, PageFactory, SignupFactory

pytestmark = pytest.mark.django_db


def database_gone():
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("server closed"))


def test_calm_dutch_503_page_when_the_database_is_gone(site_settings):
    client = Client(raise_request_exception=False)
    PageFactory(slug="disclaimer")
    with database_gone():
        response = client.get("/vragen/")
    assert response.status_code == 503
    content = response.content.decode()
    assert "De website is even niet bereikbaar" in content and "Traceback" not in content


def test_cached_read_pages_still_answer_without_database(client, site_settings):
    PageFactory(slug="privacy", body="<p>Wat we bewaren.</p>")
    client.get("/privacy/")
    with database_gone():
        response = client.get("/privacy/")
    assert response.status_code == 200 and "Wat we bewaren." in response.content.decode()


def test_read_pages_work_while_the_mail_server_is_down(client, settings, site_settings):
    settings.EMAIL_BACKEND = "tests.helpers.FailingEmailBackend"
    EventFactory()
    for url in ["/", "/vragen/", "/agenda/", "/contact/", "/buddy/"]:
        assert client.get(url).status_code == 200, url


def test_a_request_that_dies_halfway_stores_nothing_and_loses_nothing():
    event = EventFactory(capacity=5)
    earlier = SignupFactory(event=event, email="eerder@example.org")
    with (
        mock.patch("events.services.queue_mail", side_effect=RuntimeError("died halfway")),
        pytest.raises(RuntimeError),
    ):
        signup_create(event=event, name="Nieuw", email="nieuw@example.org")
    assert list(Signup.objects.values_list("email", flat=True)) == ["eerder@example.org"]
    assert not QueuedMail.objects.exists()
    earlier.refresh_from_db()
    assert earlier.status == Signup.Status.CONFIRMED
