"""NUL and other control characters: 400 for an address, a field error in a form, never a 500.

PostgreSQL refuses a NUL in text ("A string literal cannot contain NUL"),
SQLite stores it: CI runs these on PostgreSQL too. Every route is taken from
the URL configuration, so a route added later is tested as well.
"""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern

from buddies.models import BuddyRequest, Evaluation, Match
from contact.models import ContactRequest
from events.models import Signup
from tests.factories import BuddyProfileFactory, BuddyRequestFactory, EventFactory, MunicipalityFactory
from tests.helpers import guard_fields

from ..faults.server import CONTACT_FORM

pytestmark = pytest.mark.django_db


def routes(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            text = pattern.language_prefix
        elif isinstance(pattern, RegexPattern):
            text = re.sub(r"\(\?P<\w+>[^)]*\)", "<regex>", str(pattern)).strip("^$")
        else:
            text = str(pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + text)
        else:
            yield prefix + text


def addresses_with_nul():
    """Each route with parameters, every parameter a NUL (alone and inside a word)."""
    for route in sorted(set(routes())):
        if "<" in route:
            yield "/" + re.sub(r"<[^>]+>", "%00", route)
            yield "/" + re.sub(r"<[^>]+>", "a%00b", route)


def test_the_routes_of_the_issue_are_among_those_tested():
    tested = set(addresses_with_nul())
    for address in ["/agenda/afmelden/%00/", "/buddy/evaluatie/%00/", "/vragen/%00/%00/", "/media/%00"]:
        assert address in tested


@pytest.mark.parametrize("address", list(addresses_with_nul()))
def test_nul_in_a_path_is_refused(address):
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code in (400, 404), address


@pytest.mark.parametrize(
    "address",
    [
        "/contact/?vraag=%00",
        "/contact/?vraag=wat-is%00",
        "/zoeken/?q=%00",
        "/zoeken/?q=school%01",
        "/vragen/?feedback=%00",
        "/agenda/?page=%00",
        "/?%00=1",
        "/en/contact/?vraag=%00",
        "/agenda/afmelden/%00/",
        "/buddy/evaluatie/%00/",
        "/en/buddy/evaluatie/%00/",
        "/beheer/?next=%00",
        "/account/login/?next=%00",
    ],
)
def test_control_characters_in_an_address_give_400(address):
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code == 400
    message = "This address is not right" if address.startswith("/en/") else "Dit adres klopt niet"
    assert message in response.content.decode()


def test_posted_question_slug_with_nul_is_ignored(site_settings):
    response = Client(raise_request_exception=False).post(
        "/contact/", {**CONTACT_FORM, **guard_fields(), "vraag": "\x00"}
    )
    assert response.status_code == 302
    assert ContactRequest.objects.get().about_question is None


@pytest.mark.parametrize("bad", ["\x00", "Sanne\x00", "Sanne\x01de Vries", "Sanne\x7f"])
@pytest.mark.parametrize("field", ["name", "message", "good_times"])
def test_control_characters_in_a_contact_field_give_a_field_error(field, bad):
    # Phone times only count when the parent asked to be called (with e-mail they are ignored).
    form = {**CONTACT_FORM, **guard_fields(), "contact_method": "phone", "phone": "06 12345678", field: bad}
    response = Client(raise_request_exception=False).post("/contact/", form)
    assert response.status_code == 200
    assert "onzichtbare tekens" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_line_breaks_and_tabs_in_a_message_are_fine():
    message = "Eerste regel.\r\nTweede regel,\tmet een tab."
    response = Client().post("/contact/", {**CONTACT_FORM, **guard_fields(), "message": message})
    assert response.status_code == 302
    assert ContactRequest.objects.get().message == message


def test_control_characters_in_the_other_public_forms():
    client = Client(raise_request_exception=False)
    event = EventFactory()
    signup = client.post(
        event.get_absolute_url(),
        {"name": "Sanne", "email": "s@example.org", "role": "parent", "people": "1", "remarks": "a\x00b"}
        | {"consent": "on"}
        | guard_fields(),
    )
    assert signup.status_code == 200 and "onzichtbare tekens" in signup.content.decode()
    municipality = MunicipalityFactory()
    buddy = client.post(
        "/buddy/",
        {
            "name": "Linda",
            "contact_method": "email",
            "email": "l@example.org",
            "municipality": municipality.pk,
            "child_age": "9",
            "hopes": "x\x00",
            "consent": "on",
        }
        | guard_fields(),
    )
    assert buddy.status_code == 200 and "onzichtbare tekens" in buddy.content.decode()
    assert not Signup.objects.exists() and not BuddyRequest.objects.exists()


def test_control_characters_in_the_evaluation_form():
    match = Match.objects.create(
        buddy=BuddyProfileFactory(), request=BuddyRequestFactory(), state=Match.State.ENDED, evaluation_token="tok"
    )
    response = Client(raise_request_exception=False).post(
        f"/buddy/evaluatie/{match.evaluation_token}/",
        {"helped": "3", "felt_heard": "3", "would_recommend": "1", "remarks": "goed\x01"},
    )
    assert response.status_code == 200 and "onzichtbare tekens" in response.content.decode()
    assert not Evaluation.objects.exists()


class TestConsent:
    """Only what a ticked box sends ("on") is consent."""

    @pytest.mark.parametrize("value", ["off", "0", "false", "no", "", "nee"])
    def test_other_values_are_no_consent(self, value):
        response = Client().post("/contact/", {**CONTACT_FORM, **guard_fields(), "consent": value})
        assert response.status_code == 200
        assert "Zonder je toestemming" in response.content.decode()
        assert not ContactRequest.objects.exists()

    def test_a_ticked_box_is_consent(self):
        assert Client().post("/contact/", {**CONTACT_FORM, **guard_fields(), "consent": "on"}).status_code == 302

    @pytest.mark.parametrize("value", ["off", "0"])
    def test_in_the_sign_up_form_too(self, value):
        event = EventFactory()
        response = Client().post(
            event.get_absolute_url(),
            {"name": "Sanne", "email": "s@example.org", "role": "parent", "people": "1", "consent": value}
            | guard_fields(),
        )
        assert response.status_code == 200 and not Signup.objects.exists()


def test_phone_times_with_control_characters_are_dropped_when_mail_is_chosen(site_settings):
    form = {**CONTACT_FORM, **guard_fields(), "contact_method": "email", "good_times": "Sanne\x00"}
    response = Client(raise_request_exception=False).post("/contact/", form)
    assert response.status_code == 302
    assert ContactRequest.objects.get().good_times == ""
