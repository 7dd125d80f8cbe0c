import datetime

import pytest
from django.utils import timezone

from events.models import Event, EventType, Signup

pytestmark = pytest.mark.django_db


def test_pages_need_few_queries_with_500_events_and_10000_signups(client, django_assert_max_num_queries):
    kind = EventType.objects.create(name="Oudercafé", slug="oudercafe", description="-", for_whom="ouders")
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            type=kind,
            title=f"Café {i}",
            slug=f"cafe-{i}",
            place_name="Buurthuis",
            capacity=30,
            starts_at=now + datetime.timedelta(days=i - 250),
            ends_at=now + datetime.timedelta(days=i - 250, hours=2),
        )
        for i in range(500)
    )
    Signup.objects.bulk_create(
        Signup(event=events[i % 500], name="Ouder", email=f"o{i}@example.org", token=f"t{i}", consent=True)
        for i in range(10_000)
    )
    upcoming = events[300]
    for url in [
        "/",
        "/agenda/",
        upcoming.get_absolute_url(),
        "/agenda/agenda.ics",
        f"/agenda/{upcoming.slug}/agenda.ics",
    ]:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
