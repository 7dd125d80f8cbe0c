"""Every form's error state is valid HTML: unique ids, no block inside a paragraph.

Python's html.parser does not repair markup the way a browser does, so what it
sees is what the template wrote.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from buddies.models import Match
from tests.factories import BuddyProfileFactory, BuddyRequestFactory, EventFactory, UserFactory
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that may not open inside a <p>: a browser would close the paragraph first.
BLOCK = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul",
}  # fmt: skip


class MarkupChecker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()
        self.open_paragraphs = 0
        self.blocks_in_paragraph = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1
        if tag in BLOCK and self.open_paragraphs:
            self.blocks_in_paragraph.append(tag)
        if tag == "p":
            self.open_paragraphs += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.open_paragraphs:
            self.open_paragraphs -= 1


def problems(response):
    assert response.status_code == 200, response.status_code
    checker = MarkupChecker()
    checker.feed(response.content.decode())
    duplicates = sorted(i for i, n in checker.ids.items() if n > 1)
    return {"duplicate ids": duplicates, "blocks inside <p>": checker.blocks_in_paragraph}


NO_PROBLEMS = {"duplicate ids": [], "blocks inside <p>": []}


@pytest.mark.parametrize("path", ["/contact/", "/buddy/"])
def test_public_form_error_states(client, path):
    response = client.post(path, {"name": "", **guard_fields()})
    assert "form-errors" in response.content.decode()
    assert problems(response) == NO_PROBLEMS


def test_event_signup_error_state(client):
    event = EventFactory()
    response = client.post(reverse("events:detail", args=[event.slug]), {"name": "", **guard_fields()})
    assert 'aria-invalid="true"' in response.content.decode()
    assert problems(response) == NO_PROBLEMS


def test_consent_error_has_one_id_and_the_help_text_it_points_to(client):
    html = client.post("/contact/", {"name": "", **guard_fields()}).content.decode()
    assert html.count('id="id_consent_error"') == 1
    assert 'id="id_consent_helptext"' in html  # the checkbox's aria-describedby points here


def test_buddy_evaluation_error_state(client):
    match = Match.objects.create(request=BuddyRequestFactory(), buddy=BuddyProfileFactory(), state="ended")
    response = client.post(reverse("buddies:evaluation", args=[match.evaluation_token]), {"rating": "99"})
    assert 'aria-invalid="true"' in response.content.decode()
    assert problems(response) == NO_PROBLEMS


def test_buddy_profile_error_state(client):
    buddy = BuddyProfileFactory()
    client.force_login(buddy.user)
    response = client.post(reverse("buddies:profile"), {"first_name": "", "capacity": "-1"})
    assert 'aria-invalid="true"' in response.content.decode()
    assert problems(response) == NO_PROBLEMS


def test_set_password_page_has_no_list_inside_a_paragraph(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    response = client.post("/account/password/set/", {"password1": "kort", "password2": "anders"})
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_password1_helptext"' in html  # the password rules are still shown
    assert problems(response) == NO_PROBLEMS


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/account/login/", {"login": "niemand@example.org", "password": "fout"}),
        ("/account/password/reset/", {"email": "geen-adres"}),
    ],
)
def test_account_form_error_states(client, path, data):
    response = client.post(path, data)
    assert "form-errors" in response.content.decode()
    assert problems(response) == NO_PROBLEMS


def test_change_password_error_state(client):
    client.force_login(UserFactory())
    response = client.post("/account/password/change/", {"oldpassword": "fout", "password1": "a", "password2": "b"})
    assert "form-errors" in response.content.decode()
    assert problems(response) == NO_PROBLEMS
