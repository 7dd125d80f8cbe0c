"""The error pages tell the truth: after a failed form, that it was not sent and what to do."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.test import Client

from contact.models import ContactRequest
from oudersteunpunt.models import SiteSettings
from tests.helpers import guard_fields

from .server import CONTACT_FORM

pytestmark = pytest.mark.django_db


def database_gone(error=OperationalError):
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=error("server closed"))


def broken_service():
    return mock.patch("contact.views.contact_request_create", side_effect=RuntimeError("a bug"))


def send_contact_form():
    return Client(raise_request_exception=False).post("/contact/", CONTACT_FORM | guard_fields())


def test_a_failed_form_says_it_was_not_sent_and_what_to_do(site_settings):
    with broken_service():
        response = send_contact_form()
    assert response.status_code == 500
    page = response.content.decode()
    assert "Je bericht is niet verstuurd" in page
    assert "terugknop van je browser" in page
    assert 'href="tel:0123456789"' in page and "012 345 67 89" in page
    assert "bewaard gebleven" not in page
    assert not ContactRequest.objects.exists()


def test_a_failed_page_does_not_talk_about_forms(site_settings):
    with mock.patch("faq.views.PhaseListView.get_context_data", side_effect=RuntimeError("a bug")):
        response = Client(raise_request_exception=False).get("/vragen/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "bericht" not in page and "formulier" not in page and "verstuurd" not in page


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_outage_is_a_calm_503(site_settings, error):
    with database_gone(error):
        response = Client(raise_request_exception=False).get("/agenda/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "De website is even niet bereikbaar" in page and "bericht" not in page


def test_a_form_sent_during_a_database_outage(site_settings):
    SiteSettings.load()  # in the cache, as on a running site: the phone number is still known
    with database_gone():
        response = send_contact_form()
    assert response.status_code == 503
    page = response.content.decode()
    assert "Je bericht is niet verstuurd" in page and "012 345 67 89" in page


def test_the_error_page_renders_without_database_and_cache(site_settings):
    cache.clear()
    with database_gone():
        response = send_contact_form()
    assert response.status_code == 503
    page = response.content.decode()
    assert "Je bericht is niet verstuurd" in page and "tel:" not in page


def test_the_error_pages_in_english(site_settings):
    with broken_service():
        response = Client(raise_request_exception=False).post("/en/contact/", CONTACT_FORM | guard_fields())
    assert response.status_code == 500
    assert "Your message was not sent" in response.content.decode()
