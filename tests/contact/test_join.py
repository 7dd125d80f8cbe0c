"""Doe mee: a parent who wants to join the netwerkgroep or become a buddy reaches the consulent."""

import pytest

from contact.models import ContactRequest
from contact.services import JOIN_TOPIC
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db


def valid(**change):
    return {**VALID, **guard_fields(), **change}


VALID = {
    "name": "Sam Voorbeeld",
    "email": "sam@example.org",
    "phone": "",
    "wish": "buddy",
    "message": "Ik heb tijd op dinsdag.",
    "consent": "on",
}


def test_page_explains_both_ways_to_join_and_is_linked_from_home(client):
    content = client.get("/doe-mee/").content.decode()
    assert "netwerkgroep" in content and "Buddy worden" in content
    assert 'href="/doe-mee/"' in client.get("/").content.decode()


def test_a_valid_form_is_stored_and_mailed_to_parent_and_consulent(client, site_settings, mailoutbox):
    response = client.post("/doe-mee/", valid())
    assert response.status_code == 302 and response.url == "/doe-mee/verstuurd/"
    request = ContactRequest.objects.get()
    assert request.topic.name == JOIN_TOPIC
    assert request.message.startswith("Buddy worden voor een andere ouder")
    assert "Ik heb tijd op dinsdag." in request.message
    assert request.email == "sam@example.org" and request.consent
    assert sorted(m.to[0] for m in mailoutbox) == ["consulent@example.org", "sam@example.org"]
    # The consulent's mail says there is something new, not what.
    consulent_mail = next(m for m in mailoutbox if m.to == ["consulent@example.org"])
    assert "dinsdag" not in consulent_mail.body
    thanks = client.get(response.url).content.decode()
    assert request.reference in thanks and "sam@example.org" in thanks


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "Vul je naam in."),
        ({"email": "geen-adres"}, "email", "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ({"email": ""}, "email", "Vul je e-mailadres in"),
        ({"wish": "iets-anders"}, "wish", "Kies wat je wilt doen."),
        ({"consent": ""}, "consent", "Zonder je toestemming"),
        ({"phone": "bel me maar"}, "phone", ""),
        ({"message": "x" * 2001}, "message", "Schrijf maximaal 2000 tekens."),
        ({"name": "Sam\x00"}, "name", ""),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_what_was_typed_stays(client, change, field, message):
    data = valid(**change)
    if not data["consent"]:
        del data["consent"]
    response = client.post("/doe-mee/", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in content
    assert "<title>Fout:" in content
    assert f'id="id_{field}-error"' in content or f'id="id_{field}_error"' in content or "error-summary" in content
    assert "Ik heb tijd op dinsdag." in content or field == "message"
    assert not ContactRequest.objects.exists()


def test_the_spam_guard_refuses_a_filled_honeypot(client):
    client.post("/doe-mee/", valid(website="http://spam.example"))
    assert not ContactRequest.objects.exists()


def test_too_many_sends_are_limited_and_keep_what_was_typed(client, settings):
    settings.OSP_FORM_RATE_LIMIT = "1/h"
    client.post("/doe-mee/", valid())
    response = client.post("/doe-mee/", valid())
    assert response.status_code == 429
    assert "Ik heb tijd op dinsdag." in response.content.decode()
    assert ContactRequest.objects.count() == 1


def test_thanks_without_a_request_goes_back_to_the_form(client):
    response = client.get("/doe-mee/verstuurd/")
    assert response.status_code == 302 and response.url == "/doe-mee/"


def test_the_english_site_has_the_page_in_english(client):
    content = client.get("/en/doe-mee/").content.decode()
    assert "Join in" in content and "Let us know" in content


def test_the_contact_page_names_the_consulent_by_the_title_in_the_settings(client, site_settings):
    site_settings.consulent_title = "Consulent passend onderwijs"
    site_settings.save()
    content = client.get("/contact/").content.decode()
    assert "De consulent passend onderwijs luistert" in content
