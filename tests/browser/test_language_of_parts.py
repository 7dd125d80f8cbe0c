"""The English site with Dutch-only content: axe (WCAG 2.2 AA, best practices) on every page type,
and the Dutch parts carry lang="nl" so a screen reader switches voice (WCAG 3.1.2)."""

import pytest

from events.models import Event
from faq.models import Question
from tests.browser.conftest import assert_accessible
from tests.browser.test_site import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_english_pages_mark_dutch_content(page, demo):  # noqa: F811
    question = Question.objects.published().select_related("phase").first()
    event = Event.objects.upcoming().first()
    pages = [
        ("/en/vragen/", "main h2 a"),
        ("/en" + question.phase.get_absolute_url(), "main h1"),
        ("/en" + question.get_absolute_url(), "main h1"),
        ("/en/begrippen/", "main dl dd"),
        ("/en/zoeken/?q=thuiszitten", "main .results h2"),
        ("/en/agenda/", "main .events h3"),
        ("/en" + event.get_absolute_url(), "main h1"),
        ("/en/over-ons/", "main h1"),
        ("/en/buddy/", "main form label[for=id_themes_0]"),
        ("/en/agenda/soort/oudercafe/", "main .facts dd"),
        ("/en/vragen/thuiszitten/mijn-kind-zit-thuis-wat-moet-ik-als-eerste-doen/", "main .sources li"),
    ]
    for path, selector in pages:
        page.goto(path)
        assert page.evaluate("() => document.documentElement.lang") == "en"
        lang = page.locator(selector).first.evaluate("el => el.closest('[lang]').getAttribute('lang')")
        assert lang == "nl", (path, selector)
        assert_accessible(page)
