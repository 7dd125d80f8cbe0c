import threading

import pytest
from django.db import connection, connections

from events.models import Signup
from events.services import signup_create
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel writers need PostgreSQL (CI runs it)")
def test_thirty_people_take_ten_places_at_once(mailoutbox):
    event = EventFactory(capacity=10)
    start = threading.Barrier(30)
    errors = []

    def sign_up(i):
        try:
            start.wait()
            signup_create(event=event, name=f"Ouder {i}", email=f"ouder{i}@example.org")
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Signup.objects.filter(status=Signup.Status.CONFIRMED).count() == 10
    assert Signup.objects.filter(status=Signup.Status.WAITING).count() == 20
