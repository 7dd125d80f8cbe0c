import threading
from unittest import mock

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from contact.models import ContactRequest
from oudersteunpunt import references

pytestmark = pytest.mark.django_db


def test_references_count_up_per_year():
    year = timezone.localdate().year
    first = references.create_with_reference(ContactRequest, "OSP", name="A", message="x")
    second = references.create_with_reference(ContactRequest, "OSP", name="B", message="y")
    assert (first.reference, second.reference) == (f"OSP-{year}-0001", f"OSP-{year}-0002")


def test_a_number_taken_at_the_same_moment_is_skipped():
    taken = references.create_with_reference(ContactRequest, "OSP", name="A", message="x").reference
    real = references.next_reference
    answers = iter([taken])  # the first guess collides, as with a parallel request
    with mock.patch.object(
        references, "next_reference", lambda model, prefix: next(answers, None) or real(model, prefix)
    ):
        later = references.create_with_reference(ContactRequest, "OSP", name="B", message="y")
    assert later.reference != taken
    assert ContactRequest.objects.count() == 2


def test_numbers_go_on_past_9999():
    year = timezone.localdate().year
    for number in (9998, 9999, 10000):
        ContactRequest.objects.create(reference=f"OSP-{year}-{number:04d}", name="Oud", message="x")
    created = references.create_with_reference(ContactRequest, "OSP", name="Nieuw", message="y")
    assert created.reference == f"OSP-{year}-10001"
    assert references.next_reference(ContactRequest, "OSP") == f"OSP-{year}-10002"


def test_a_parent_can_send_request_10000(client, site_settings):
    """The request that crosses 9999 is stored, not answered with a 500."""
    from contact.services import contact_request_create

    year = timezone.localdate().year
    ContactRequest.objects.create(reference=f"OSP-{year}-9999", name="Oud", message="x")
    first = contact_request_create(name="Nieuw", email="nieuw@example.org", message="Vraag")
    second = contact_request_create(name="Nog een", email="nog@example.org", message="Vraag")
    assert (first.reference, second.reference) == (f"OSP-{year}-10000", f"OSP-{year}-10001")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel writers need PostgreSQL (CI runs it)")
def test_many_requests_at_once_each_get_their_own_number_past_9999():
    year = timezone.localdate().year
    ContactRequest.objects.create(reference=f"OSP-{year}-9995", name="Oud", message="x")
    count = 12
    start = threading.Barrier(count)
    errors = []

    def create(i):
        try:
            start.wait()
            with transaction.atomic():
                references.create_with_reference(ContactRequest, "OSP", name=f"Ouder {i}", message="x")
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in ContactRequest.objects.values_list("reference", flat=True))
    assert numbers == list(range(9995, 9995 + count + 1))
