"""The agenda as an Atom feed (issue 17): valid for a feed reader, coming events only, never the meeting link."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from events.services import event_cancel
from tests.events.test_calendar import SECRET_LINK
from tests.factories import EventFactory, EventTypeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

FEED = "/agenda/agenda.atom"


def read(client, path=FEED):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response, feedparser.parse(response.content)


def test_the_feed_parses_and_holds_the_coming_events(client, site_settings):
    site_settings.name = "Oudersteunpunt Lindewaarde"
    site_settings.save()
    now = timezone.now()
    later = EventFactory(
        title="Oudercafé & koffie", theme="Rust", starts_at=now + datetime.timedelta(days=20), online_url=SECRET_LINK
    )
    sooner = EventFactory(
        type=EventTypeFactory(slug="dialoogsessie", name="Dialoogsessie"),
        title="Dialoogsessie",
        starts_at=now + datetime.timedelta(days=3),
    )
    EventFactory(title="Al geweest", starts_at=now - datetime.timedelta(days=3))
    EventFactory(title="Nog geheim", published=False)

    _response, feed = read(client)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Agenda van Oudersteunpunt Lindewaarde"
    assert feed.feed.link == "http://testserver/agenda/"
    assert feed.feed.language == "nl"
    assert feed.feed.updated_parsed
    assert [e.title for e in feed.entries] == ["Dialoogsessie", "Oudercafé & koffie"]
    first, second = feed.entries
    assert first.link == f"http://testserver{sooner.get_absolute_url()}"
    assert first.id.startswith("tag:") and first.id.endswith(f":activiteit-{sooner.pk}")
    assert first.updated_parsed and first.tags[0].term == "Dialoogsessie"
    assert "Buurthuis De Linde" in first.summary
    assert "Online" in second.summary and "Rust" in second.summary
    assert second.id.endswith(f":activiteit-{later.pk}")


def test_no_meeting_link_in_the_feed(client):
    EventFactory(place_name="", address="", online_url=SECRET_LINK)
    response, feed = read(client)
    assert SECRET_LINK not in response.content.decode() and "geheim" not in response.content.decode()
    assert feed.entries[0].summary.endswith("Online")


def test_a_cancelled_event_says_so(client):
    event = EventFactory(title="Oudercafé")
    event_cancel(event=event)
    _response, feed = read(client)
    assert feed.entries[0].title == "Gaat niet door: Oudercafé"


def test_the_feed_is_renewed_when_an_event_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 120
    event = EventFactory(title="Oudercafé")
    first, _feed = read(client)
    again, _feed = read(client)
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")  # cached like the agenda pages
    event.title = "Oudercafé met een nieuwe titel"
    event.save()
    response, feed = read(client)
    assert response["X-Page-Cache"] == "miss"
    assert feed.entries[0].title == "Oudercafé met een nieuwe titel"


def test_the_english_feed(client):
    EventFactory(online_url=SECRET_LINK, starts_at=timezone.now() + datetime.timedelta(days=2))
    _response, feed = read(client, "/en" + FEED)
    assert feed.bozo == 0
    assert feed.feed.language == "en"
    assert feed.feed.link == "http://testserver/en/agenda/"
    assert feed.feed.title.startswith("Events at ")


def test_the_feed_is_bounded(client, django_assert_max_num_queries):
    for day in range(55):
        EventFactory(starts_at=timezone.now() + datetime.timedelta(days=day + 1))
    with django_assert_max_num_queries(4):
        _response, feed = read(client)
    assert len(feed.entries) == 50
