"""Private links stay out of search engines: robots.txt for every language, noindex on the pages."""

from urllib.robotparser import RobotFileParser

import pytest
from django.urls import reverse
from django.utils import translation

from buddies.models import Match
from tests.factories import BuddyProfileFactory, BuddyRequestFactory, EventFactory, SignupFactory

pytestmark = pytest.mark.django_db


def robots(client):
    parser = RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())
    return parser


def in_every_language(name, *args):
    urls = []
    for language in ("nl", "en"):
        with translation.override(language):
            urls.append(reverse(name, args=args))
    return urls


@pytest.fixture
def private_urls():
    signup = SignupFactory()
    match = Match.objects.create(request=BuddyRequestFactory(), buddy=BuddyProfileFactory(), state=Match.State.ENDED)
    return [
        *in_every_language("admin:index"),
        *in_every_language("account_login"),
        *in_every_language("events:cancel", signup.token),
        *in_every_language("buddies:evaluation", match.evaluation_token),
        *in_every_language("buddies:portal"),
    ]


def test_robots_keeps_every_private_address_out_in_both_languages(client, private_urls):
    parser = robots(client)
    assert "/en/agenda/afmelden/" in " ".join(private_urls)
    for url in private_urls:
        assert not parser.can_fetch("*", f"http://testserver{url}"), url


def test_robots_lets_public_pages_in(client):
    event = EventFactory()
    parser = robots(client)
    public = ["/", "/en/", "/contact/", "/en/contact/", "/buddy/", "/en/buddy/", event.get_absolute_url(), "/privacy/"]
    for url in public:
        assert parser.can_fetch("*", f"http://testserver{url}"), url


@pytest.mark.parametrize("language", ["nl", "en"])
def test_token_pages_say_noindex(client, language):
    signup = SignupFactory()
    match = Match.objects.create(request=BuddyRequestFactory(), buddy=BuddyProfileFactory(), state=Match.State.ENDED)
    with translation.override(language):
        urls = [
            reverse("events:cancel", args=[signup.token]),
            reverse("buddies:evaluation", args=[match.evaluation_token]),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<meta name="robots" content="noindex">' in response.content.decode(), url
        assert "noindex" in response["X-Robots-Tag"], url


def test_public_pages_may_be_indexed(client):
    for url in ["/", "/contact/", "/privacy/"]:
        response = client.get(url)
        assert "noindex" not in response.content.decode(), url
        assert "X-Robots-Tag" not in response, url


def test_account_pages_say_noindex(client):
    assert '<meta name="robots" content="noindex">' in client.get("/account/login/").content.decode()
