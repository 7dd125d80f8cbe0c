"""Public forms fed generated bad input: never a 500, nothing stored that should not be."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buddies.models import Municipality
from oudersteunpunt.validators import has_control_characters
from tests.factories import EventFactory
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db

texts = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=900, max_value=5000).map(lambda n: "é<" * n),
    st.sampled_from(["", " ", "<script>alert(1)</script>", "' OR 1=1 --", "\u202e", "0" * 30, "-1", "99999999999"]),
)

FORMS = {
    "contact": [
        "name",
        "contact_method",
        "phone",
        "email",
        "good_times",
        "phase",
        "topic",
        "message",
        "consent",
        "vraag",
    ],
    "buddy": [
        "name",
        "contact_method",
        "email",
        "phone",
        "municipality",
        "child_age",
        "school_type",
        "themes",
        "language",
        "hopes",
        "consent",
    ],
    "event": ["name", "email", "phone", "role", "people", "remarks", "consent"],
}
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def strip_nul(value):
    # The test client cannot send NUL in form data; servers reject it before Django does.
    return value.replace("\x00", "")


@pytest.mark.parametrize("form", sorted(FORMS))
def test_no_generated_input_gives_a_500(client, form):
    Municipality.objects.create(name="Alkmaar")
    event = EventFactory(capacity=3)
    url = {"contact": "/contact/", "buddy": "/buddy/", "event": event.get_absolute_url()}[form]

    @SETTINGS
    @given(st.fixed_dictionaries(dict.fromkeys(FORMS[form], texts)))
    def post(data):
        from django.core.cache import cache

        cache.clear()  # stay under the rate limit: this is about input, not floods
        response = client.post(url, {k: strip_nul(v) for k, v in data.items()} | guard_fields())
        assert response.status_code in (200, 302), response.status_code
        assert b"<script>alert(1)</script>" not in response.content

    post()


@SETTINGS
@given(query=st.text(max_size=12000))
def test_search_never_fails(client, query):
    response = client.get("/zoeken/", {"q": strip_nul(query)})
    # Control characters in an address are refused before the search sees them (test_nul_bytes.py).
    assert response.status_code == (400 if has_control_characters(strip_nul(query)) else 200)
