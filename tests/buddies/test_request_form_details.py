"""The buddy form's choices and the thank-you page's promise (issue 14)."""

import re

import pytest

from buddies.models import BuddyRequest, Language, Municipality
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return Municipality.objects.create(name="Alkmaar")


def form_data(place, **extra):
    return {
        "name": "Linda de Boer",
        "contact_method": "email",
        "email": "linda@example.org",
        "phone": "",
        "municipality": place.pk,
        "child_age": "10",
        "school_type": "",
        "language": "",
        "hopes": "Iemand die luistert.",
        "consent": "on",
        **guard_fields(),
        **extra,
    }


def test_each_language_is_listed_once(client):
    Language.objects.create(name="Nederlands")
    Language.objects.create(name="Turks")
    page = client.get("/buddy/").content.decode()
    select = re.search(r'<select name="language".*?</select>', page, re.S).group(0)
    labels = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert labels.count("Nederlands") == 1
    assert len(labels) == len(set(labels))


def test_a_parent_from_elsewhere_or_who_does_not_know_can_still_ask(client, place):
    page = client.get("/buddy/").content.decode()
    assert "Een andere gemeente, of ik weet het niet" in page
    response = client.post("/buddy/", form_data(place, municipality=""))
    assert response.status_code == 302
    assert BuddyRequest.objects.get().municipality is None


def test_thanks_promises_a_call_to_a_parent_who_left_only_a_phone_number(client, place):
    data = form_data(place, contact_method="phone", email="", phone="06 12345678")
    page = client.get(client.post("/buddy/", data).url).content.decode()
    assert "bellen we je" in page
    assert "mail" not in page.split('role="status"')[1].split("</div>")[0]


def test_thanks_promises_a_mail_to_a_parent_who_left_an_address(client, place):
    page = client.get(client.post("/buddy/", form_data(place)).url).content.decode()
    assert "krijgen jullie allebei een mail" in page
    assert "bellen we je" not in page
