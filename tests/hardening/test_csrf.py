"""Every POST on the site needs a CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse

from buddies.models import Match
from tests.factories import BuddyProfileFactory, BuddyRequestFactory, EventFactory, QuestionFactory, SignupFactory
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db


def test_public_posts_without_token_are_refused():
    question = QuestionFactory()
    event = EventFactory()
    signup = SignupFactory(event=event)
    ended = Match.objects.create(request=BuddyRequestFactory(), buddy=BuddyProfileFactory(), state="ended")
    client = Client(enforce_csrf_checks=True)
    urls = [
        "/contact/",
        "/buddy/",
        event.get_absolute_url(),
        reverse("faq:feedback", args=[question.phase.slug, question.slug]),
        signup.get_cancel_url(),
        reverse("buddies:evaluation", args=[ended.evaluation_token]),
        "/account/login/",
        "/account/password/reset/",
    ]
    for url in urls:
        assert client.post(url, guard_fields()).status_code == 403, url


def test_portal_posts_without_token_are_refused():
    buddy = BuddyProfileFactory()
    match = Match.objects.create(request=BuddyRequestFactory(), buddy=buddy)
    client = Client(enforce_csrf_checks=True)
    client.force_login(buddy.user)
    for url in [
        reverse("buddies:pause"),
        reverse("buddies:profile"),
        reverse("buddies:match_accept", args=[match.pk]),
        reverse("buddies:match_decline", args=[match.pk]),
    ]:
        assert client.post(url, {"active": "0"}).status_code == 403, url
    match.refresh_from_db()
    assert match.state == "proposed"
