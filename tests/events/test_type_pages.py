"""A page per kind of activity: what it is, for whom, how often, and the next few dates."""

import datetime
import io

import pytest
from django.utils import timezone

from events import demo
from events.models import Audience, EventType
from events.views import TYPE_NEXT_DATES
from tests.factories import EventFactory, EventTypeFactory

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_type_page_shows_description_audience_frequency_and_the_next_dates_in_order(client):
    cafe = EventTypeFactory(description="Ouders praten met elkaar.", for_whom="ouders", frequency="Vier keer per jaar")
    later = EventFactory(type=cafe, title="Later café", starts_at=in_days(20))
    sooner = EventFactory(type=cafe, title="Eerder café", starts_at=in_days(3))
    EventFactory(type=cafe, title="Al geweest", starts_at=in_days(-10))
    EventFactory(type=cafe, title="Verborgen", published=False)
    other = EventTypeFactory(slug="dialoogsessie", name="Dialoogsessie")
    EventFactory(type=other, title="Andere soort")
    response = client.get("/agenda/soort/oudercafe/")
    content = response.content.decode()
    assert response.status_code == 200
    for text in ("Ouders praten met elkaar.", "Vier keer per jaar", "Voor wie", "De volgende data"):
        assert text in content
    assert content.index(sooner.title) < content.index(later.title)
    for hidden in ("Al geweest", "Verborgen", "Andere soort"):
        assert hidden not in content


def test_type_page_shows_at_most_the_next_few_dates(client, django_assert_max_num_queries):
    cafe = EventTypeFactory()
    for day in range(TYPE_NEXT_DATES + 3):
        EventFactory(type=cafe, title=f"Café dag {day + 10}", starts_at=in_days(day + 10))
    with django_assert_max_num_queries(10):
        content = client.get("/agenda/soort/oudercafe/").content.decode()
    assert content.count('class="event-item') == TYPE_NEXT_DATES
    assert f"Café dag {10 + TYPE_NEXT_DATES - 1}<" in content
    assert f"Café dag {10 + TYPE_NEXT_DATES}<" not in content


def test_unknown_type_is_404(client):
    assert client.get("/agenda/soort/bestaat-niet/").status_code == 404


def test_agenda_and_event_link_to_the_type_and_professionals_are_labelled(client):
    session = EventTypeFactory(slug="dialoogsessie", name="Dialoogsessie", audience=Audience.PROFESSIONALS)
    event = EventFactory(type=session, title="Sessie", audience=Audience.PROFESSIONALS)
    agenda = client.get("/agenda/").content.decode()
    assert 'href="/agenda/soort/dialoogsessie/"' in agenda
    assert "voor professionals" in agenda
    detail = client.get(event.get_absolute_url()).content.decode()
    assert 'href="/agenda/soort/dialoogsessie/"' in detail and "voor professionals" in detail
    home = client.get("/").content.decode()
    assert "Sessie" in home and "voor professionals" in home


def test_a_parents_event_has_no_professionals_label(client):
    EventFactory(title="Café voor ouders")
    assert "voor professionals" not in client.get("/").content.decode()


def test_type_pages_are_in_the_sitemap(client):
    EventTypeFactory()
    content = client.get("/sitemap.xml").content.decode()
    if "sitemap-" in content and "/agenda/soort/" not in content:  # an index: follow its sections
        import re

        content = "".join(
            client.get(url.split("testserver")[-1]).content.decode()
            for url in re.findall(r"<loc>([^<]+)</loc>", content)
        )
    assert "/agenda/soort/oudercafe/" in content


def test_demo_types_say_how_often_and_what_the_ouderschapsspel_is():
    demo.load(io.StringIO())
    cafe = EventType.objects.get(slug="oudercafe")
    assert cafe.frequency == "Vier keer per jaar"
    assert "Ouderschapsspel: een gespreksspel met kaarten" in cafe.description
    assert EventType.objects.get(slug="dialoogsessie").audience == Audience.PROFESSIONALS
