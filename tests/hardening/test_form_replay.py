"""A bot against each public form, with the page cache on (issue 19.7).

It reads the form page as a cached copy, posts at once, reuses a start time
another visitor got, and replays a form that went through. Only the one post a
person would make is stored.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from buddies.models import BuddyRequest
from contact.models import ContactRequest
from events.models import Signup
from tests.factories import EventFactory, MunicipalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

PERSON = {"name": "Bot de Vries", "email": "bot@example.org", "consent": "on", "website": ""}


def contact_form():
    return "/contact/", {**PERSON, "contact_method": "email", "message": "Koop nu!"}, ContactRequest


def buddy_form():
    place = MunicipalityFactory()
    return (
        "/buddy/",
        {**PERSON, "contact_method": "email", "municipality": place.pk, "child_age": "9", "hopes": "x"},
        BuddyRequest,
    )


def signup_form():
    event = EventFactory(capacity=50)
    return event.get_absolute_url(), {**PERSON, "role": "parent", "people": "1"}, Signup


FORMS = {"contact": contact_form, "buddy": buddy_form, "signup": signup_form}


def hidden(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def visit(url):
    """A fresh visitor: own cookies, the page from the cache once someone else has seen it."""
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(url)
    page = response.content.decode()
    return (
        visitor,
        response,
        {"csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"), "started": hidden(page, "started")},
    )


@pytest.mark.parametrize("form", FORMS)
def test_a_bot_gets_one_request_through_at_most(form, settings):
    settings.OSP_FORM_MIN_SECONDS = 3
    url, data, model = FORMS[form]()
    Client().get(url)  # someone else made the page cached

    bot, response, fields = visit(url)
    assert response["X-Page-Cache"] == "hit"
    assert bot.post(url, {**data, **fields}).status_code == 200, "posted at once: refused as too fast"
    assert not model.objects.exists()

    _other, _response, others = visit(url)
    later = timezone.now() + timedelta(seconds=10)
    with time_machine.travel(later, tick=False):
        assert (
            bot.post(url, {**data, **others, "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"]}).status_code == 302
        )
        assert model.objects.count() == 1, "a start time of another visitor works once, like a person's"
        for _attempt in range(3):
            replay = bot.post(url, {**data, **others, "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"]})
            assert replay.status_code == 200
            assert "al verstuurd" in replay.content.decode()
    assert model.objects.count() == 1, "a replayed form stores nothing"


def test_the_same_start_time_is_never_given_twice_from_the_cache():
    Client().get("/contact/")
    starts = {visit("/contact/")[2]["started"] for _ in range(5)}
    assert len(starts) == 5
