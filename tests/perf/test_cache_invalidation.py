"""The page cache renews what a change shows on, and only that (oudersteunpunt/pagecache.py)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import Signup
from faq.models import Question
from oudersteunpunt import pagecache
from tests.factories import EventFactory, QuestionFactory, StaffFactory, TermFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


def cached(client, url):
    return client.get(url)["X-Page-Cache"]


def test_a_signup_renews_the_event_the_agenda_and_home_but_not_the_answers(client):
    event, other = EventFactory(capacity=5), EventFactory()
    question = QuestionFactory()
    event_url, other_url, question_url = (
        event.get_absolute_url(),
        other.get_absolute_url(),
        question.get_absolute_url(),
    )
    for url in ["/", "/agenda/", event_url, other_url, question_url, "/vragen/", "/en/agenda/"]:
        assert cached(client, url) == "miss"
        assert cached(client, url) == "hit"
    Signup.objects.create(event=event, name="A", email="a@example.org", consent=True)
    for url in ["/", "/agenda/", "/en/agenda/", event_url]:
        assert cached(client, url) == "miss", url
    assert "Nog 4 plekken vrij." in client.get(event_url).content.decode()
    for url in [other_url, question_url, "/vragen/"]:
        assert cached(client, url) == "hit", url


def test_a_changed_answer_renews_the_questions_but_not_the_agenda(client):
    question = QuestionFactory(title="Eerste titel")
    event = EventFactory()
    for url in ["/agenda/", event.get_absolute_url(), question.phase.get_absolute_url()]:
        client.get(url)
    question.title = "Tweede titel"
    question.save()
    response = client.get(question.phase.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "Tweede titel" in response.content.decode()
    assert cached(client, "/agenda/") == "hit"
    assert cached(client, event.get_absolute_url()) == "hit"


@pytest.mark.parametrize("action, published", [("unpublish", True), ("publish", False)])
def test_publishing_from_the_admin_list_renews_the_public_pages(action, published):
    question = QuestionFactory(title="Een vraag uit de lijst", published=published)
    visitor = Client()
    phase_url = question.phase.get_absolute_url()
    assert ("Een vraag uit de lijst" in visitor.get(phase_url).content.decode()) is published
    staff = Client()
    staff.force_login(StaffFactory(role="netwerkgroep"))
    response = staff.post("/beheer/faq/question/", {"action": action, "_selected_action": [question.pk]})
    assert response.status_code == 302
    assert Question.objects.get().published is not published
    assert ("Een vraag uit de lijst" in visitor.get(phase_url).content.decode()) is not published
    assert visitor.get(question.get_absolute_url()).status_code == (404 if published else 200)


class LockHeldElsewhere:
    """The cache as a worker sees it while another worker is rebuilding the page."""

    def __getattr__(self, name):
        return getattr(cache, name)

    def add(self, key, *args, **kwargs):
        return False if key.endswith(":rebuild") else cache.add(key, *args, **kwargs)


def test_an_expired_page_is_rebuilt_by_one_worker_while_others_serve_the_stale_copy(client, monkeypatch, settings):
    event = EventFactory(title="Oude titel")
    assert cached(client, "/agenda/") == "miss"
    clock = pagecache.time.time()
    monkeypatch.setattr(pagecache.time, "time", lambda: clock + settings.PAGE_CACHE_SECONDS + 1)
    # A change that no signal sees, so only the expiry can bring it in.
    type(event).objects.filter(pk=event.pk).update(title="Nieuwe titel")
    monkeypatch.setattr(pagecache, "cache", LockHeldElsewhere())
    stale = client.get("/agenda/")
    assert stale["X-Page-Cache"] == "stale" and "Oude titel" in stale.content.decode()
    monkeypatch.setattr(pagecache, "cache", cache)
    rebuilt = client.get("/agenda/")  # this worker gets the lock and renews the page
    assert rebuilt["X-Page-Cache"] == "miss" and "Nieuwe titel" in rebuilt.content.decode()
    assert cached(client, "/agenda/") == "hit"


def test_a_new_term_renews_the_marked_up_answers(client):
    question = QuestionFactory(answer="<p>Over het OPP van je kind.</p>")
    assert 'class="term"' not in client.get(question.get_absolute_url()).content.decode()
    TermFactory(term="OPP", variants="")
    assert 'class="term"' in client.get(question.get_absolute_url()).content.decode()


def test_the_marked_up_answer_is_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    TermFactory(term="OPP", variants="")
    question = QuestionFactory(answer="<p>Over het OPP van je kind.</p>")
    client.get(question.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert 'class="term"' in client.get(question.get_absolute_url()).content.decode()
    assert not [q for q in queries if "faq_term" in q["sql"]]


def test_the_cached_feed_follows_a_changed_event(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the feed's own cache, not the page cache
    event = EventFactory(title="Eerste titel")
    assert b"Eerste titel" in client.get("/agenda/agenda.ics").content
    event.title = "Tweede titel"
    event.save()
    assert b"Tweede titel" in client.get("/agenda/agenda.ics").content
    EventFactory(title="Nog een")
    assert b"Nog een" in client.get("/agenda/agenda.ics").content


@pytest.mark.parametrize("seconds", [0, 300])
def test_a_page_asks_the_shared_cache_for_its_versions_once(client, settings, monkeypatch, seconds):
    # Every part's version and the address's in one round trip at the first read of a request; the
    # page cache, the site settings and each part's data then use what that read found.
    settings.PAGE_CACHE_SECONDS = seconds
    event = EventFactory()
    urls = ["/", "/agenda/", event.get_absolute_url(), "/vragen/", "/contact/"]
    for url in urls:
        client.get(url)
    asked = []
    real_get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, **kw: asked.append(keys) or real_get_many(keys, **kw))
    for url in urls:
        asked.clear()
        client.get(url)
        version_reads = [keys for keys in asked if any(k.startswith("pagecache:") for k in keys)]
        assert len(version_reads) == 1, (url, asked)


def test_a_change_made_during_a_request_is_seen_by_what_the_request_reads_after_it():
    token = pagecache._read_in_request.set(pagecache._VersionsRead("/agenda/"))
    try:
        before = pagecache.versions(["pagecache:part:agenda"])
        pagecache.bump_part("agenda")
        assert pagecache.versions(["pagecache:part:agenda"]) != before
    finally:
        pagecache._read_in_request.reset(token)


def test_a_page_this_process_served_is_not_fetched_again_but_a_change_elsewhere_shows(client, monkeypatch):
    event = EventFactory(capacity=5)
    url = event.get_absolute_url()
    assert cached(client, url) == "miss"
    fetched = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a, **kw: fetched.append(key) or real_get(key, *a, **kw))
    assert cached(client, url) == "hit"
    # Only the versions are read (every request needs them); the page itself comes from this process.
    assert all(key.startswith(("pagecache:part:", "pagecache:path:")) for key in fetched)
    # Another server's change renews the versions in the shared cache: this process sees it at once.
    pagecache.bump_paths([url])
    assert cached(client, url) == "miss"


def test_an_address_nobody_keeps_anything_for_gets_no_version(client):
    # Read along with the other versions, but only made where a page or its data is kept: the admin's
    # and account pages (never cached) leave no keys in Redis.
    assert client.get("/account/login/").status_code == 200
    assert cache.get("pagecache:path:/account/login/") is None
