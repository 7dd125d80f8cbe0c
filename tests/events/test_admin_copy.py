import datetime

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import EventFactory, SignupFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


@pytest.fixture
def volunteer(client):
    client.force_login(StaffFactory(role="netwerkgroep"))
    return client


def test_copy_an_event_to_a_new_date_without_its_signups(volunteer):
    event = EventFactory(title="Oudercafé", theme="Thuiszitten", description="<p>Koffie en praten.</p>")
    SignupFactory.create_batch(2, event=event)
    change = volunteer.get(f"/beheer/events/event/{event.pk}/change/").content.decode()
    assert f"/beheer/events/event/{event.pk}/kopieer/" in change
    assert f"/beheer/events/signup/?event__id__exact={event.pk}" in change  # the attendance, not an inline
    assert 'name="signups-TOTAL_FORMS"' not in change

    day = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    response = volunteer.post(
        f"/beheer/events/event/{event.pk}/kopieer/", {"day": day, "starts": "19:30", "ends": "21:00"}
    )
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.url == f"/beheer/events/event/{copy.pk}/change/"
    assert (copy.type, copy.title, copy.theme, copy.place_name, copy.description) == (
        event.type,
        "Oudercafé",
        "Thuiszitten",
        event.place_name,
        "<p>Koffie en praten.</p>",
    )
    assert timezone.localtime(copy.starts_at).strftime("%Y-%m-%d %H:%M") == f"{day} 19:30"
    assert copy.signups.count() == 0
    assert not copy.published
    assert copy.slug != event.slug


def test_copy_keeps_what_was_typed_and_explains_bad_input(volunteer):
    event = EventFactory()
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = volunteer.post(
        f"/beheer/events/event/{event.pk}/kopieer/", {"day": past, "starts": "20:00", "ends": "19:00"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "verleden" in str(errors["day"]) and "na het begin" in str(errors["ends"])
    assert past in response.content.decode()
    assert Event.objects.count() == 1


def test_copy_action_on_one_selected_event(volunteer):
    event = EventFactory()
    response = volunteer.post(
        "/beheer/events/event/", {"action": "copy_event", "_selected_action": [event.pk], "index": 0}
    )
    assert response.url == f"/beheer/events/event/{event.pk}/kopieer/"
