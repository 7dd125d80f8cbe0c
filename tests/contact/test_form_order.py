"""The contact form asks the question first and ignores phone times when e-mail is chosen (issue 14)."""

import re

import pytest

from contact.models import ContactRequest
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db


def data(**extra):
    return {
        "message": "Mijn zoon wil niet meer naar school.",
        "name": "Sanne",
        "contact_method": "email",
        "email": "sanne@example.org",
        "phone": "",
        "good_times": "",
        "may_leave_message": "",
        "phase": "",
        "topic": "",
        "consent": "on",
        **guard_fields(),
        **extra,
    }


def test_the_question_comes_first(client):
    page = client.get("/contact/").content.decode()
    names = re.findall(r'name="(\w+)"', page.split('class="form"')[1])
    visible = [n for n in names if n not in ("csrfmiddlewaretoken", "website", "started", "vraag")]
    assert visible[0] == "message"


def test_phone_times_are_ignored_when_email_is_chosen(client):
    response = client.post("/contact/", data(good_times="x" * 300, may_leave_message=""))
    assert response.status_code == 302
    saved = ContactRequest.objects.get()
    assert saved.good_times == ""
    assert saved.may_leave_message is True


def test_phone_times_are_kept_when_phone_is_chosen(client):
    response = client.post("/contact/", data(contact_method="phone", phone="0612345678", good_times="na 15 uur"))
    assert response.status_code == 302
    saved = ContactRequest.objects.get()
    assert saved.good_times == "na 15 uur"
    assert saved.may_leave_message is False
