"""The sitemap: an index of sections in pages, each page bounded and read in a fixed number of queries."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from events.sitemaps import EventSitemap
from faq.models import Question
from faq.sitemaps import QuestionSitemap
from oudersteunpunt.sitemaps import ITEMS_PER_SITEMAP_PAGE
from tests.factories import EventFactory, PageFactory, PhaseFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The index: one query per section with rows (pages, events, event types, questions), one for the
# list pages of the agenda (both counts at once), one for the phases and one for the parents' stories
# (their list pages and stories in one query).
INDEX_QUERIES = 7


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def locations(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # well-formed XML, or this fails
    return [loc.text for loc in root.iter(f"{NS}loc")]


def lastmods(response):
    return [element.text for element in ET.fromstring(response.content).iter(f"{NS}lastmod")]


def content(n_questions, n_events):
    phase = PhaseFactory()
    for i in range(n_questions):
        QuestionFactory(phase=phase, order=i)
    for _i in range(n_events):
        EventFactory()
    PageFactory(slug="over-ons")


def test_a_section_holds_at_most_its_limit_and_the_index_lists_its_pages(client, monkeypatch):
    monkeypatch.setattr(QuestionSitemap, "limit", 4)
    content(10, 1)
    index = locations(client.get("/sitemap.xml"))
    sections = [url for url in index if "sitemap-vragen.xml" in url]
    assert sections == [
        "http://testserver/sitemap-vragen.xml",
        "http://testserver/sitemap-vragen.xml?p=2",
        "http://testserver/sitemap-vragen.xml?p=3",
    ]
    pages = [locations(client.get("/sitemap-vragen.xml", {"p": p})) for p in (1, 2, 3)]
    assert [len(page) for page in pages] == [4, 4, 2]
    found = [url for page in pages for url in page]
    expected = [f"http://testserver{q.get_absolute_url()}" for q in Question.objects.order_by("pk")]
    assert found == expected  # every question once, in a stable order
    for page in ("4", "0", "x", "-1", "1.5"):
        assert client.get("/sitemap-vragen.xml", {"p": page}).status_code == 404, page
    assert client.get("/sitemap-bestaat-niet.xml").status_code == 404


def test_the_limit_keeps_a_page_cheap():
    assert 500 <= ITEMS_PER_SITEMAP_PAGE <= 2000
    assert QuestionSitemap.limit == EventSitemap.limit == ITEMS_PER_SITEMAP_PAGE


def test_an_address_carries_the_date_of_its_last_change(client):
    question = QuestionFactory()
    response = client.get("/sitemap-vragen.xml")
    assert locations(response) == [f"http://testserver{question.get_absolute_url()}"]
    assert lastmods(response) == [question.updated_at.astimezone(datetime.UTC).date().isoformat()]  # the UTC date
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "Last-Modified" in response
    index = client.get("/sitemap.xml")
    assert "Last-Modified" not in index  # the list sections have no date, so neither has the whole


def test_unpublished_and_called_off_are_left_out(client):
    shown, hidden = QuestionFactory(), QuestionFactory(published=False)
    on, off = EventFactory(), EventFactory(cancelled_at=timezone.now())
    questions = locations(client.get("/sitemap-vragen.xml"))
    events = locations(client.get("/sitemap-activiteiten.xml"))
    assert [url.removeprefix("http://testserver") for url in questions] == [shown.get_absolute_url()]
    assert hidden.get_absolute_url() not in "".join(questions)
    assert [url.removeprefix("http://testserver") for url in events] == [on.get_absolute_url()]
    assert off.get_absolute_url() not in "".join(events)


def test_english_visitors_get_the_same_sitemap(client):
    QuestionFactory()
    dutch = client.get("/sitemap-vragen.xml").content
    assert client.get("/sitemap-vragen.xml", HTTP_ACCEPT_LANGUAGE="en").content == dutch


@pytest.mark.parametrize("n", [3, 30])
def test_queries_do_not_grow_with_the_content(n, client, django_assert_num_queries):
    content(n, n)
    with django_assert_num_queries(INDEX_QUERIES):
        locations(client.get("/sitemap.xml"))
    with django_assert_num_queries(0):  # the counts are kept until the content changes
        locations(client.get("/sitemap.xml"))
    for section in ("vragen", "activiteiten", "pages", "soorten-activiteiten"):
        with django_assert_num_queries(1):
            assert locations(client.get(f"/sitemap-{section}.xml"))
    assert client.get("/sitemap-vragen.xml", {"p": 2}).status_code == 404  # past the end


def test_the_index_follows_every_change_at_once(client, monkeypatch):
    monkeypatch.setattr(QuestionSitemap, "limit", 2)
    phase = PhaseFactory()
    QuestionFactory(phase=phase)
    assert "http://testserver/sitemap-vragen.xml?p=2" not in locations(client.get("/sitemap.xml"))
    QuestionFactory(phase=phase), QuestionFactory(phase=phase)
    assert "http://testserver/sitemap-vragen.xml?p=2" in locations(client.get("/sitemap.xml"))
    Question.objects.filter(phase=phase).delete()
    assert "http://testserver/sitemap-vragen.xml?p=2" not in locations(client.get("/sitemap.xml"))
    # A new event shows in the agenda's list pages at once too.
    lists = locations(client.get("/sitemap-agenda.xml"))
    for _i in range(11):
        EventFactory()
    assert len(locations(client.get("/sitemap-agenda.xml"))) == len(lists) + 1  # /agenda/?pagina=2


def test_a_value_that_is_not_a_slug_is_quoted(client):
    question = QuestionFactory(slug="vraag met <spatie> & meer")
    [location] = locations(client.get("/sitemap-vragen.xml"))
    assert location.endswith(f"/{question.phase.slug}/vraag%20met%20%3Cspatie%3E%20%26%20meer/")
