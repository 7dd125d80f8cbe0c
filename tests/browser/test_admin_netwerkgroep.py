"""The admin as a volunteer of the netwerkgroep uses it, on a laptop and on a phone."""

import re

import pytest

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The page itself is never wider than the window; tables scroll inside their own box.
PAGE_WIDTH = "document.documentElement.scrollWidth"


def log_in(page):
    from tests.helpers import totp_code

    page.goto("/beheer/")
    page.fill("input[name=login]", "netwerkgroep@example.org")
    page.fill("input[name=password]", "oudersteunpunt-demo")
    page.locator("main form button[type=submit]").first.click()
    page.fill("input[name=code]", totp_code())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/beheer/")


def check(page, path, width):
    page.goto(path)
    assert_accessible(page)
    assert page.evaluate(PAGE_WIDTH) <= width, f"{path} is wider than {width}px"


@pytest.mark.parametrize("width", [1280, 360])
def test_netwerkgroep_admin_at_laptop_and_phone_width(page, demo, width):
    """One test per width, so pytest-xdist can run them side by side; axe runs on every page at both."""
    from events.models import Event
    from faq.models import Question

    log_in(page)

    # Edit an answer once, so its history has two versions to compare.
    question = Question.objects.filter(published=True).first()
    page.goto(f"/beheer/faq/question/{question.pk}/change/")
    page.wait_for_selector(".ProseMirror[contenteditable=true]")
    assert page.locator(".prose-menubar__button[aria-label='Vet']").count() == 1
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Nagekeken door de netwerkgroep.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url("**/beheer/faq/question/")

    event = Event.objects.upcoming().first()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/beheer/")
    todos = page.locator("#osp-todos")
    assert todos.get_by_role("link", name="Antwoorden die langer dan een jaar niet zijn nagelezen").is_visible()
    next_event = todos.locator("tr", has=page.get_by_role("link", name=re.compile("^Volgende bijeenkomst")))
    assert re.fullmatch(r"\d+", next_event.locator("td").inner_text().strip())
    assert todos.get_by_text("consulent").count() == 0  # no personal-data counts for the netwerkgroep
    assert_accessible(page)
    assert page.evaluate(PAGE_WIDTH) <= width
    if width == 1280:
        screenshot(page, "admin-start-netwerkgroep")  # saves both widths

    for path in [
        "/beheer/faq/question/",
        f"/beheer/faq/question/{question.pk}/change/",
        f"/beheer/faq/question/{question.pk}/history/",
        "/beheer/faq/question/recover/",
        "/beheer/faq/phase/",
        "/beheer/faq/term/",
        "/beheer/oudersteunpunt/page/",
        "/beheer/events/event/",
        f"/beheer/events/event/{event.pk}/change/",
        f"/beheer/events/event/{event.pk}/kopieer/",
        f"/beheer/events/signup/?event__id__exact={event.pk}",
    ]:
        check(page, path, width)

    page.goto(f"/beheer/faq/question/{question.pk}/history/")
    page.get_by_role("button", name="Laat het verschil zien").click()
    page.wait_for_selector(".osp-diff ins")  # the page the click brings, not the one still there
    added = page.locator(".osp-diff ins").all_inner_texts()
    assert "Nagekeken door de netwerkgroep." in " ".join(added)
    assert_accessible(page)
    assert page.evaluate(PAGE_WIDTH) <= width
    if width == 360:
        screenshot(page, "admin-history-compare")
