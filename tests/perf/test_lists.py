"""Lists in pages: plain links with rel and accessible names, an archive, a bounded feed, the sitemap."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.views import EVENTS_PER_PAGE, FEED_MAX_EVENTS
from faq.views import QUESTIONS_PER_PAGE, QUESTIONS_PER_PHASE_SHOWN
from tests.factories import EventFactory, PhaseFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


def test_the_agenda_shows_what_is_coming_in_pages(client):
    for i in range(EVENTS_PER_PAGE + 1):
        EventFactory(title=f"Komend {i:02}", starts_at=days(i + 1))
    first = client.get("/agenda/").content.decode()
    assert "Komend 00" in first and f"Komend {EVENTS_PER_PAGE:02}" not in first
    assert 'href="/agenda/?pagina=2" rel="next"' in first and 'rel="prev"' not in first
    assert "Pagina 1 van 2" in first and 'aria-label="Andere pagina’s"' in first
    second = client.get("/agenda/?pagina=2").content.decode()
    assert f"Komend {EVENTS_PER_PAGE:02}" in second
    assert 'href="/agenda/" rel="prev"' in second and 'rel="next"' not in second
    assert client.get("/agenda/?pagina=3").status_code == 404
    assert client.get("/agenda/?pagina=x").status_code == 404


def test_a_short_list_of_past_events_links_to_the_archive_in_pages(client):
    for i in range(EVENTS_PER_PAGE + 2):
        EventFactory(title=f"Geweest {i:02}", starts_at=days(-i - 1))
    agenda = client.get("/agenda/").content.decode()
    assert "Geweest 00" in agenda and "Geweest 05" not in agenda
    assert 'href="/agenda/archief/"' in agenda
    archive = client.get("/agenda/archief/").content.decode()
    assert "Geweest 00" in archive and 'href="/agenda/archief/?pagina=2" rel="next"' in archive
    assert f"Geweest {EVENTS_PER_PAGE + 1:02}" in client.get("/agenda/archief/?pagina=2").content.decode()


def test_the_feed_holds_what_is_coming_and_a_month_back(client):
    EventFactory(title="Lang geleden", starts_at=days(-60))
    EventFactory(title="Vorige week", starts_at=days(-7))
    for i in range(FEED_MAX_EVENTS + 5):
        EventFactory(title=f"Komend {i:03}", starts_at=days(i + 1))
    calendar = Calendar.from_ical(client.get("/agenda/agenda.ics").content)
    titles = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Vorige week" in titles and "Lang geleden" not in titles
    assert len(titles) == FEED_MAX_EVENTS and "Komend 000" in titles


def test_vragen_shows_the_first_questions_of_each_phase_and_a_count(client):
    phase = PhaseFactory(name="Eerste zorgen")
    for i in range(QUESTIONS_PER_PHASE_SHOWN + 3):
        QuestionFactory(phase=phase, title=f"Vraag {i:02}", order=i)
    QuestionFactory(phase=phase, title="Offline", published=False)
    content = client.get("/vragen/").content.decode()
    assert "Vraag 00" in content and f"Vraag {QUESTIONS_PER_PHASE_SHOWN:02}" not in content
    assert f"Bekijk alle {QUESTIONS_PER_PHASE_SHOWN + 3} vragen over Eerste zorgen" in content


def test_a_long_phase_is_in_pages_under_its_themes(client):
    phase = PhaseFactory()
    for i in range(QUESTIONS_PER_PAGE + 1):
        QuestionFactory(phase=phase, title=f"Vraag {i:02}", order=i)
    first = client.get(phase.get_absolute_url()).content.decode()
    assert "Vraag 00" in first and f"Vraag {QUESTIONS_PER_PAGE:02}" not in first
    assert f'href="{phase.get_absolute_url()}?pagina=2" rel="next"' in first
    assert f"Vraag {QUESTIONS_PER_PAGE:02}" in client.get(phase.get_absolute_url() + "?pagina=2").content.decode()


def test_the_sitemap_index_has_the_list_pages_and_no_called_off_events(client):
    phase = PhaseFactory()
    for i in range(QUESTIONS_PER_PAGE + 1):
        QuestionFactory(phase=phase, order=i)
    hidden = QuestionFactory(phase=phase, published=False)
    on = EventFactory()
    off = EventFactory(cancelled_at=timezone.now())
    unpublished = EventFactory(published=False)
    index = client.get("/sitemap.xml").content.decode()
    sections = [part.split("</loc>")[0] for part in index.split("<loc>")[1:]]
    content = "".join(client.get(url.replace("http://testserver", "")).content.decode() for url in sections)
    for path in ["/vragen/", "/agenda/", "/agenda/archief/", "/begrippen/", "/buddy/", "/contact/"]:
        assert f"http://testserver{path}</loc>" in content, path
    assert f"{phase.get_absolute_url()}?pagina=2</loc>" in content
    assert on.get_absolute_url() in content
    for url in [off.get_absolute_url(), unpublished.get_absolute_url(), hidden.get_absolute_url()]:
        assert url not in content
