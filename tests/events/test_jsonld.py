"""An event page carries a schema.org Event in JSON-LD; the online meeting link is never public."""

import datetime
import json
import re
import zoneinfo
from html.parser import HTMLParser

import pytest

from events.services import event_cancel
from tests.factories import EventFactory, SignupFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
SECRET_LINK = "https://meet.example.org/geheim-oudercafe-4711"
SCHEMA = "https://schema.org/"


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def jsonld(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_an_event_page_describes_the_event_for_search_engines(client, site_settings):
    site_settings.name = "Oudersteunpunt Noordkust"
    site_settings.save()
    event = EventFactory(
        title="Oudercafé over rust",
        description="<p>We praten over <strong>rust</strong> in huis &amp; op school.</p>",
        starts_at=at(2027, 1, 12, 19, 30),
        ends_at=at(2027, 1, 12, 21, 30),
        capacity=2,
    )
    data = jsonld(client, event)
    page = f"http://testserver{event.get_absolute_url()}"
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Oudercafé over rust"
    assert data["url"] == page
    # ISO 8601 with the offset of that day in Amsterdam.
    assert (data["startDate"], data["endDate"]) == ("2027-01-12T19:30:00+01:00", "2027-01-12T21:30:00+01:00")
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["location"] == {"@type": "Place", "name": "Buurthuis De Linde", "address": "Lindelaan 12, Alkmaar"}
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Oudersteunpunt Noordkust",
        "url": "http://testserver/",
    }
    assert data["description"] == "We praten over rust in huis & op school."
    assert data["image"] == ["http://testserver/static/img/delen.png"]
    assert data["offers"]["price"] == 0 and data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["availability"] == SCHEMA + "InStock"
    SignupFactory(event=event, people=2)
    assert jsonld(client, event)["offers"]["availability"] == SCHEMA + "SoldOut"


def test_summer_time_has_its_own_offset(client):
    event = EventFactory(starts_at=at(2027, 5, 23, 19, 30), ends_at=at(2027, 5, 23, 21, 30))
    assert jsonld(client, event)["startDate"] == "2027-05-23T19:30:00+02:00"


def test_an_event_without_a_description_is_described_by_its_type(client):
    event = EventFactory(description="")
    assert jsonld(client, event)["description"] == "Ouders praten met elkaar."


def test_an_online_event_points_to_its_page_and_never_to_the_meeting(client):
    event = EventFactory(place_name="", address="", online_url=SECRET_LINK)
    data = jsonld(client, event)
    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": f"http://testserver{event.get_absolute_url()}"}
    assert SECRET_LINK not in json.dumps(data)


def test_an_event_in_a_room_and_online_has_both_places(client):
    event = EventFactory(online_url=SECRET_LINK)
    data = jsonld(client, event)
    assert data["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag in ("a", "link") and href and href.startswith("/"):
            self.hrefs.append(href)


def test_the_meeting_link_is_in_no_public_output(client):
    event = EventFactory(title="Online oudercafé", online_url=SECRET_LINK)
    pages = ["/", "/en/", "/agenda/", event.get_absolute_url(), "/en" + event.get_absolute_url(), "/sitemap.xml"]
    # Every feed or calendar file the agenda and the event page link to (the iCal files, any news feed).
    for page in ("/agenda/", event.get_absolute_url()):
        parser = Links()
        parser.feed(client.get(page).content.decode())
        pages += [href for href in parser.hrefs if re.search(r"\.ics$|\.xml$|feed|atom|rss", href)]
    assert "/agenda/agenda.ics" in pages and f"/agenda/{event.slug}/agenda.ics" in pages
    for path in dict.fromkeys(pages):
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response) if response.streaming else response.content
        assert SECRET_LINK.encode() not in body, path
        assert b"geheim-oudercafe" not in body, path


def test_a_cancelled_event_says_so(client):
    event = EventFactory()
    event_cancel(event=event)
    event.refresh_from_db()
    data = jsonld(client, event)
    assert data["eventStatus"] == SCHEMA + "EventCancelled"
    assert "offers" not in data


def test_a_title_cannot_end_the_script(client):
    title = 'Café "Rust" </script><script>alert(1)</script> & meer'
    event = EventFactory(title=title, description='<p>Een "quote" en </script> hier</p>')
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")
    assert jsonld(client, event)["name"] == title


def test_the_page_is_an_article_with_a_description_of_its_own(client):
    event = EventFactory(
        title="Oudercafé over rust", starts_at=at(2027, 1, 12, 19, 30), ends_at=at(2027, 1, 12, 21, 0)
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Oudercafé over rust">' in html
    assert '<meta name="description" content="Oudercafé op dinsdag 12 januari 2027 om 19.30 uur.' in html
    english = client.get("/en" + event.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Oudercafé on Tuesday 12 January 2027 at 19.30.' in english
