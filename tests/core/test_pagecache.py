import pytest
from django.test import Client
from django.urls import reverse

from events.models import Signup
from faq.models import MissedSearch
from tests.factories import EventFactory, PageFactory, QuestionFactory, StaffFactory
from tests.helpers import guard_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


def test_second_visit_is_served_from_the_cache(client):
    PageFactory(slug="privacy", body="<p>Eerste versie.</p>")
    assert client.get("/privacy/")["X-Page-Cache"] == "miss"
    second = client.get("/privacy/")
    assert second["X-Page-Cache"] == "hit"
    assert "Eerste versie." in second.content.decode()
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_saving_content_renews_every_cached_page(client):
    page = PageFactory(slug="privacy", body="<p>Eerste versie.</p>")
    client.get("/privacy/")
    client.get("/")
    page.body = "<p>Tweede versie.</p>"
    page.save()
    response = client.get("/privacy/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tweede versie." in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_new_signup_renews_the_places_left(client):
    event = EventFactory(capacity=2)
    assert "nog 2 plekken" in client.get("/agenda/").content.decode()
    Signup.objects.create(event=event, name="A", email="a@example.org", consent=True)
    assert "nog 1 plek" in client.get("/agenda/").content.decode()


def test_signed_in_people_and_the_admin_are_never_cached(client):
    PageFactory(slug="privacy")
    client.force_login(StaffFactory(role="netwerkgroep"))
    assert "X-Page-Cache" not in client.get("/privacy/")
    assert "X-Page-Cache" not in client.get("/privacy/")
    assert "X-Page-Cache" not in client.get("/beheer/")


def test_cached_form_pages_give_each_visitor_a_working_csrf_token():
    event = EventFactory()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(event.get_absolute_url())
    response = second.get(event.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "osp-csrf-placeholder" not in response.content.decode()
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert second.cookies["csrftoken"].value
    data = {
        "csrfmiddlewaretoken": token,
        "name": "Sanne",
        "email": "sanne@example.org",
        "role": "parent",
        "people": "1",
        "consent": "on",
        **guard_fields(),
    }
    assert second.post(event.get_absolute_url(), data).status_code == 302
    assert Signup.objects.filter(email="sanne@example.org").exists()


def test_question_page_feedback_works_from_the_cache():
    question = QuestionFactory()
    Client().get(question.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(question.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    url = reverse("faq:feedback", args=[question.phase.slug, question.slug])
    assert visitor.post(url, {"geholpen": "ja", "csrfmiddlewaretoken": token}).status_code == 302


def test_every_search_without_results_is_counted(client):
    client.get("/zoeken/", {"q": "zwemles"})
    client.get("/zoeken/", {"q": "zwemles"})
    assert MissedSearch.objects.get().count == 2


def test_switched_off_with_zero_seconds(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    PageFactory(slug="privacy")
    client.get("/privacy/")
    assert "X-Page-Cache" not in client.get("/privacy/")


def test_each_host_gets_its_own_absolute_addresses(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.example.org"]
    client.get("/robots.txt")
    other = client.get("/robots.txt", HTTP_HOST="www.example.org")
    assert b"Sitemap: http://www.example.org/sitemap.xml" in other.content


def test_long_addresses_make_short_keys(client, recwarn):
    client.get("/zoeken/", {"q": "x" * 5000})
    client.get("/zoeken/", {"q": "x" * 5000})
    assert not [w for w in recwarn if "Cache key" in str(w.message)]


def started_value(response):
    return response.content.decode().split('name="started" value="')[1].split('"')[0]


@pytest.mark.parametrize("cached", [False, True])
def test_content_length_is_the_length_of_the_personalised_page(client, cached):
    """Issue 13.1: the length was measured before the CSRF token was filled in; browsers cut the page."""
    event = EventFactory()
    if cached:
        Client().get(event.get_absolute_url())
    response = client.get(event.get_absolute_url())
    assert response["X-Page-Cache"] == ("hit" if cached else "miss")
    assert int(response["Content-Length"]) == len(response.content)
    assert response.content.rstrip().endswith(b"</html>")


def test_cached_form_pages_give_each_visitor_a_start_time_of_their_own():
    """Issue 19.7: a cached page shared one signed start time between all visitors."""
    first, second = Client().get("/contact/"), Client().get("/contact/")
    assert second["X-Page-Cache"] == "hit"
    assert "osp-started-placeholder" not in second.content.decode()
    assert started_value(first) != started_value(second)
