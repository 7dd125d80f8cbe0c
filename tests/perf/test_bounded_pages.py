"""Every public page stays small and costs a fixed number of queries, however much content there is.

The same content generator as ``make bench`` (``load_demo --scale``) builds scale 100
(1,000 extra questions and events) and scale 1,000 (10,000 of each); every page type
must stay under the same size and query bounds at both.
"""

import io

import pytest
from django.core.management import call_command

from events import demo as events_demo
from events.models import Event, EventType, Signup
from faq import demo as faq_demo
from faq.models import Phase, Question
from stories.models import Story

HTML_LIMIT = 40_000  # bytes
OTHER_LIMIT = 250_000  # the feed and one sitemap page: bounded too, but not HTML for a phone
MAX_QUERIES = 12


def build(scale):
    call_command("load_demo", stdout=io.StringIO())  # every part's own demo content, scale 1
    faq_demo.load_scaled(scale)
    # Without the generator's 200,000 sign-ups (too slow for a test); a few on the first events instead.
    events_demo.load_scaled({t.slug: t for t in EventType.objects.all()}, scale, signups=False)
    for event in Event.objects.upcoming()[:5]:
        Signup.objects.create(event=event, name="Sanne", email=f"sanne{event.pk}@example.org", consent=True)


def page_types():
    phase = Phase.objects.first()
    question = Question.objects.published().select_related("phase").order_by("-pk").first()
    event = Event.objects.upcoming().first()
    past = Event.objects.past().first()
    story = Story.objects.published().first()
    return [
        "/",
        "/en/",
        "/vragen/",
        phase.get_absolute_url(),
        phase.get_absolute_url() + "?pagina=2",
        question.get_absolute_url(),
        "/zoeken/?q=school",
        "/begrippen/",
        "/agenda/",
        "/agenda/?pagina=2",
        "/agenda/archief/",
        "/agenda/archief/?pagina=2",
        event.get_absolute_url(),
        past.get_absolute_url(),
        "/buddy/",
        "/contact/",
        "/verhalen/",
        f"/verhalen/fase/{story.phase.slug}/",
        story.get_absolute_url(),
        "/verhalen/vertel/",
        "/agenda/agenda.ics",
        "/agenda/agenda.atom",
        "/agenda/op-de-hoogte/",
        "/sitemap.xml",
        "/sitemap-vragen.xml",
        "/sitemap-activiteiten.xml",
        "/sitemap-agenda.xml",
        "/sitemap-vragen-lijsten.xml",
        "/sitemap-verhalen.xml",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [100, 1000])
def test_every_page_type_is_bounded_in_size_and_queries(scale, client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # the pages themselves, not the page cache
    build(scale)
    assert Question.objects.count() > 10 * scale and Event.objects.count() > 10 * scale
    for url in page_types():
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
        limit = HTML_LIMIT if response["Content-Type"].startswith("text/html") else OTHER_LIMIT
        assert len(response.content) < limit, f"{url}: {len(response.content)} bytes"
