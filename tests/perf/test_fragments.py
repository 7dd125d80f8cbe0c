"""Pieces of pages kept in memory (oudersteunpunt/fragments.py) are never out of date or shared wrongly.

The page cache is off here: these are the pages themselves, as every visitor gets
them while the page cache is being renewed.
"""

import datetime
import re

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buddies.models import Municipality
from contact.models import Topic
from events.models import Event, Role, Signup, counted
from faq.models import Question
from oudersteunpunt import pagecache, spam
from tests.factories import (
    BuddyProfileFactory,
    EventFactory,
    MunicipalityFactory,
    PhaseFactory,
    QuestionFactory,
    SignupFactory,
    TermFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def queries_on(client, url, table):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries if f'"{table}"' in q["sql"]]


def started(html):
    return re.search(r'name="started" value="([^"]+)"', html).group(1)


def test_an_empty_form_comes_from_memory_and_shows_a_changed_choice_at_once(client):
    MunicipalityFactory(name="Alkmaar")
    html, _queries = queries_on(client, "/buddy/", "buddies_municipality")
    assert "Alkmaar" in html
    html, queries = queries_on(client, "/buddy/", "buddies_municipality")
    assert "Alkmaar" in html and queries == []  # the form's HTML from memory: the choices are not read
    municipality = Municipality.objects.get(name="Alkmaar")
    municipality.name = "Bergen"
    municipality.save()
    html, _queries = queries_on(client, "/buddy/", "buddies_municipality")
    assert "Bergen" in html and "Alkmaar" not in html


def test_a_new_contact_topic_shows_at_once(client):
    html, _queries = queries_on(client, "/contact/", "contact_topic")
    assert "Schoolreisje" not in html
    html, queries = queries_on(client, "/contact/", "contact_topic")
    assert queries == []
    Topic.objects.create(name="Schoolreisje", order=99)
    html, _queries = queries_on(client, "/contact/", "contact_topic")
    assert "Schoolreisje" in html


def test_every_response_gets_its_own_start_time(client):
    first, second = (started(client.get("/contact/").content.decode()) for _ in range(2))
    assert first != second
    for token in (first, second):
        assert pagecache.START_PLACEHOLDER not in token
        signing.TimestampSigner(salt=spam.SIGNER_SALT).unsign(token, max_age=60)


def test_a_form_with_errors_is_never_the_kept_one(client):
    client.get("/contact/")  # the empty form is now in memory
    response = client.post("/contact/", {"name": "Xandra Zeefuik", "message": ""})
    html = response.content.decode()
    assert "Xandra Zeefuik" in html and "form-errors" in html
    html = client.get("/contact/").content.decode()
    assert "Xandra Zeefuik" not in html and "form-errors" not in html


def test_an_event_card_shows_the_places_left_after_a_signup(client):
    event = EventFactory(capacity=5, title="Oudercafé over de overstap")
    assert "nog 5 plekken" in client.get("/agenda/").content.decode()
    Signup.objects.create(event=event, name="A", email="a@example.org", consent=True)
    assert "nog 4 plekken" in client.get("/agenda/").content.decode()
    # The same card in English is its own piece (the title is marked as Dutch there).
    english = client.get("/en/agenda/").content.decode()
    assert re.search(r'<h3 lang="nl"><a href="/en/agenda/[^"]+">Oudercafé over de overstap', english)
    assert '<h3 lang="nl">' not in client.get("/agenda/").content.decode()


def test_counted_gives_the_same_totals_as_with_counts():
    events = [EventFactory(capacity=3), EventFactory(capacity=10), EventFactory()]
    SignupFactory(event=events[0], people=2)
    SignupFactory(event=events[0], people=1, role=Role.PROFESSIONAL)
    SignupFactory(event=events[0], status=Signup.Status.WAITING)
    SignupFactory(event=events[0], status=Signup.Status.WAITING, people=2)
    SignupFactory(event=events[0], status=Signup.Status.CANCELLED, people=2)
    SignupFactory(event=events[1], people=2, role=Role.PROFESSIONAL)
    fields = ("confirmed_people", "confirmed_professionals", "waiting_count")
    expected = {e.pk: tuple(getattr(e, f) for f in fields) for e in Event.objects.with_counts()}
    assert expected[events[0].pk] == (3, 1, 2)
    assert {e.pk: tuple(getattr(e, f) for f in fields) for e in counted(Event.objects.all())} == expected


def test_the_question_list_is_read_once_and_shows_changes_at_once(client):
    phase = PhaseFactory()
    question = QuestionFactory(phase=phase, title="Mag school mijn kind naar huis sturen?")
    html, _queries = queries_on(client, "/vragen/", "faq_question")
    assert question.title in html
    html, queries = queries_on(client, "/vragen/", "faq_question")
    assert queries == []
    question.title = "Mag school mijn kind zomaar naar huis sturen?"
    question.save()
    assert question.title in client.get("/vragen/").content.decode()
    # Unpublished from the admin's list action: update() sends no signal, the action renews by itself.
    Question.objects.filter(pk=question.pk).update(published=False)
    pagecache.invalidate_model(Question)
    assert question.title not in client.get("/vragen/").content.decode()


def test_phase_and_question_pages_are_read_once_and_show_changes_at_once(client):
    phase = PhaseFactory()
    question = QuestionFactory(phase=phase, answer="<p>Eerst met de leerkracht praten.</p>")
    for url in (phase.get_absolute_url(), question.get_absolute_url()):
        queries_on(client, url, "faq_question")
        html, queries = queries_on(client, url, "faq_question")
        assert question.title in html and queries == [], url
    question.answer = "<p>Eerst met de intern begeleider praten.</p>"
    question.save()
    assert "intern begeleider" in client.get(question.get_absolute_url()).content.decode()
    newer = QuestionFactory(phase=phase, title="Wat is een groeidocument?")
    assert newer.title in client.get(phase.get_absolute_url()).content.decode()
    Question.objects.filter(pk=question.pk).update(published=False)
    pagecache.invalidate_model(Question)
    assert client.get(question.get_absolute_url()).status_code == 404
    assert client.get(phase.get_absolute_url() + "?pagina=2").status_code == 404


def test_agenda_and_home_are_read_once_and_a_signup_shows_at_once(client):
    event = EventFactory(capacity=5)
    for url in ("/", "/agenda/", "/agenda/archief/"):
        queries_on(client, url, "events_event")
        _html, queries = queries_on(client, url, "events_event")
        assert queries == [], url
    Signup.objects.create(event=event, name="A", email="a@example.org", consent=True)
    for url in ("/", "/agenda/"):
        html, queries = queries_on(client, url, "events_event")
        assert queries, url  # read again: the sign-up renewed the address's version
        assert "nog 4 plekken" in html, url
    assert "4 places left" in client.get("/en/").content.decode()  # the same data, read once for both languages
    event.title = "Oudercafé met een nieuwe titel"
    event.save()
    assert event.title in client.get("/agenda/").content.decode()


def test_the_glossary_is_read_once_and_shows_a_changed_term_at_once(client):
    term = TermFactory(term="OPP", explanation="Een plan voor je kind.")
    queries_on(client, "/begrippen/", "faq_term")
    html, queries = queries_on(client, "/begrippen/", "faq_term")
    assert term.explanation in html and queries == []
    term.explanation = "Het ontwikkelingsperspectief: een plan voor je kind."
    term.save()
    assert term.explanation in client.get("/begrippen/").content.decode()


def test_an_event_page_is_read_once_and_shows_a_signup_at_once(client):
    event = EventFactory(capacity=5)
    url = event.get_absolute_url()
    queries_on(client, url, "events_event")
    html, queries = queries_on(client, url, "events_event")
    assert queries == [] and "Nog 5 plekken vrij." in html
    Signup.objects.create(event=event, name="A", email="a@example.org", consent=True)
    assert "Nog 4 plekken vrij." in client.get(url).content.decode()
    assert client.get("/agenda/bestaat-niet/").status_code == 404


def test_a_buddy_shown_on_the_site_appears_at_once(client):
    queries_on(client, "/buddy/", "buddies_buddyprofile")
    _html, queries = queries_on(client, "/buddy/", "buddies_buddyprofile")
    assert queries == []
    BuddyProfileFactory(first_name="Wilma", introduction="Moeder van twee kinderen.", show_on_site=True)
    assert "Moeder van twee kinderen." in client.get("/buddy/").content.decode()


def test_a_page_read_before_runs_no_query_until_its_content_changes(client, django_assert_num_queries):
    phase = PhaseFactory()
    question = QuestionFactory(phase=phase)
    event = EventFactory()
    TermFactory()
    urls = [
        "/",
        "/en/",
        "/vragen/",
        phase.get_absolute_url(),
        question.get_absolute_url(),
        "/begrippen/",
        "/agenda/",
        "/agenda/archief/",
        event.get_absolute_url(),
        "/buddy/",
        "/contact/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    for url in urls:
        with django_assert_num_queries(0, info=url):
            client.get(url)


def test_a_kept_event_card_keeps_the_heading_level_of_the_page_it_is_on(client):
    # The archive lists past events under h2, the agenda's "geweest" under h3 (below its h2): a card
    # kept from one page must not carry its heading level to the other.
    starts_at = timezone.now() - datetime.timedelta(days=20)
    event = EventFactory(starts_at=starts_at, title="Oudercafé van vorige maand")
    for url, level in (("/agenda/archief/", 2), ("/agenda/", 3), ("/agenda/archief/", 2)):
        html = client.get(url).content.decode()
        assert f'<h{level}><a href="{event.get_absolute_url()}">' in html, url


def test_a_piece_kept_under_a_readings_key_is_renewed_with_every_new_reading():
    # While Redis is down each process counts its own versions; the data is then read again after
    # ``seconds`` with the same versions, and what was kept under the old reading must not outlive it.
    from oudersteunpunt import fragments

    readings = iter(["eerste", "tweede"])
    first = fragments.read(["agenda"], "test-reading", lambda: next(readings), seconds=60)
    again = fragments.read(["agenda"], "test-reading", lambda: next(readings), seconds=60)
    assert (again.value, again.key) == (first.value, first.key) == ("eerste", first.key)
    fragments.store.delete(first.key.rsplit(":", 1)[0])  # as when its seconds are up
    renewed = fragments.read(["agenda"], "test-reading", lambda: next(readings), seconds=60)
    assert renewed.value == "tweede" and renewed.key != first.key


def test_the_feed_and_the_sitemap_are_written_once_and_show_a_change_at_once(client, django_assert_num_queries):
    event, question = EventFactory(title="Oudercafé in de bibliotheek"), QuestionFactory()
    for url in ("/agenda/agenda.ics", "/sitemap-vragen.xml"):
        client.get(url)
        with django_assert_num_queries(0, info=url):
            client.get(url)
    event.title = "Oudercafé in het buurthuis"
    event.save()
    assert b"Oudercaf\xc3\xa9 in het buurthuis" in client.get("/agenda/agenda.ics").content
    newer = QuestionFactory(phase=question.phase)
    assert newer.get_absolute_url() in client.get("/sitemap-vragen.xml").content.decode()


def test_two_memos_of_one_template_with_the_same_values_keep_their_own_html():
    # Django knows a tag's position in its template only in debug mode: the memos are counted instead.
    from django.template import Context, Engine

    engine = Engine(debug=False, libraries={"fragments": "oudersteunpunt.templatetags.fragments"})
    source = "{% load fragments %}{% memo key %}een{% endmemo %}-{% memo key %}twee{% endmemo %}"
    for _ in range(2):
        assert engine.from_string(source).render(Context({"key": "dezelfde"})) == "een-twee"


def test_every_template_extends_with_the_root_blocks_kept(client):
    from django.template.loader import get_template

    from oudersteunpunt.templatetags.extends import RootBlocksKeptExtendsNode

    page = get_template("events/event_archive.html").template
    assert isinstance(page.nodelist[0], RootBlocksKeptExtendsNode)
    client.get("/agenda/archief/")
    assert set(get_template("base.html").template.osp_root_blocks) >= {"title", "content", "head"}
    assert "<h1>Activiteiten die geweest zijn</h1>" in client.get("/agenda/archief/").content.decode()


def test_lazy_text_counts_in_a_key_by_its_message_and_the_language():
    from django.utils import translation
    from django.utils.translation import gettext_lazy, pgettext_lazy

    from oudersteunpunt import fragments

    assert fragments.key(gettext_lazy("Naam")) == fragments.key(gettext_lazy("Naam"))
    assert fragments.key(gettext_lazy("Naam")) != fragments.key(gettext_lazy("Adres"))
    assert fragments.key(gettext_lazy("Mei")) != fragments.key(pgettext_lazy("maand", "Mei"))
    with translation.override("en"):
        english = fragments.key(gettext_lazy("Naam"))
    assert english != fragments.key(gettext_lazy("Naam"))
