import pytest

from events.models import Event
from faq.models import Phase, Question
from tests.browser.conftest import screenshot
from tests.browser.test_contact import login_staff
from tests.browser.test_site import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MAX_BYTES = 100 * 1024


def public_pages():
    question = Question.objects.published().select_related("phase").first()
    event = Event.objects.published().upcoming().first()
    return [
        "/",
        "/vragen/",
        Phase.objects.first().get_absolute_url(),
        question.get_absolute_url(),
        "/zoeken/?q=opp",
        "/begrippen/",
        "/agenda/",
        event.get_absolute_url(),
        "/buddy/",
        "/contact/",
        "/over-ons/",
        "/visie/",
        "/privacy/",
        "/disclaimer/",
        "/toegankelijkheid/",
        "/account/login/",
        "/en/",
    ]


def test_every_public_page_is_light_and_stays_on_this_site(browser, live_server, demo):  # noqa: F811
    for path in public_pages():
        context = browser.new_context(base_url=live_server.url)  # an empty cache: a first visit
        page = context.new_page()
        requests = []
        page.on("requestfinished", lambda request, seen=requests: seen.append(request))
        page.goto(path, wait_until="load")
        outside = [r.url for r in requests if not r.url.startswith(live_server.url) and not r.url.startswith("data:")]
        assert outside == [], (path, outside)
        total = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests)
        assert 1000 < total < MAX_BYTES, (path, total)
        context.close()


def test_netwerkgroep_edits_an_answer_with_the_editor(page, demo):  # noqa: F811
    question = Question.objects.get(slug="wat-betekent-zorgplicht")
    login_staff(page, "netwerkgroep@example.org")
    page.goto(f"/beheer/faq/question/{question.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Vraag de school om een schriftelijke bevestiging van je aanmelding.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.goto(question.get_absolute_url())
    assert "Vraag de school om een schriftelijke bevestiging" in page.locator("article").inner_text()
    screenshot(page, "journey-edited-answer")
