from unittest import mock

import pytest
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
