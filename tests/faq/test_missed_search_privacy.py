"""Searches without results may hold who someone is (issue 19.5)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from faq.models import MissedSearch
from faq.services import missed_search_record, missed_searches_purge

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["sanne@example.org", "bel 06 1234 5678", "0612345678"])
def test_an_address_or_phone_number_is_never_kept(query):
    missed_search_record(query=query)
    assert not MissedSearch.objects.exists()


def test_words_go_after_the_retention_period_counted_from_the_last_search(settings):
    settings.MISSED_SEARCH_RETENTION_MONTHS = 12
    missed_search_record(query="zwemles")
    with time_machine.travel(timezone.now() + timedelta(days=300), tick=False):
        missed_search_record(query="zwemles")  # searched again: kept longer
    with time_machine.travel(timezone.now() + timedelta(days=400), tick=False):
        assert missed_searches_purge() == 0
    with time_machine.travel(timezone.now() + timedelta(days=700), tick=False):
        assert missed_searches_purge() == 1


def test_found_by_the_words_of_a_full_name_in_any_order():
    missed_search_record(query="Quaadvliegh Zwanetta")
    missed_search_record(query="Zwanetta")
    assert list(MissedSearch.objects.mentioning(["Zwanetta Quaadvliegh"]).values_list("words", flat=True)) == [
        "quaadvliegh zwanetta"
    ]
