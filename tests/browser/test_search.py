"""Search as a parent on a phone uses it, with JavaScript switched off: typos, and never a dead end."""

import pytest

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_site import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 360, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def search(page, words):
    page.goto("/zoeken/")
    page.locator("#search-q").fill(words)
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**/zoeken/?q=**")


@pytest.mark.parametrize("words", ["ontwikkelingsperspektief", "pgb zorgkosten"])
def test_corrected_and_empty_result_pages_are_accessible(page, demo, words):  # noqa: F811
    # axe runs inside the page, so this one has JavaScript; the others do without.
    search(page, words)
    assert_accessible(page)
    screenshot(page, "search-" + words.replace(" ", "-"))


def test_a_typo_is_corrected_and_the_exact_word_is_one_click_away(page_without_js, demo):  # noqa: F811
    page = page_without_js
    search(page, "ontwikkelingsperspektief")
    assert "Resultaten voor ontwikkelingsperspectief" in page.locator("main").inner_text()
    assert "OPP" in page.locator(".results").inner_text()
    page.get_by_role("link", name="Zoek in plaats daarvan naar ontwikkelingsperspektief").click()
    page.wait_for_url("**precies=1**")


def test_nothing_found_leads_to_the_consulent_with_the_question_filled_in(page_without_js, demo):  # noqa: F811
    page = page_without_js
    search(page, "pgb zorgkosten")
    main = page.locator("main").inner_text()
    assert "We vonden niets" in main
    assert page.get_by_role("link", name="Thuiszitten").count() >= 1  # the phases
    page.get_by_role("link", name="Stel je vraag aan de consulent").click()
    page.wait_for_url("**/contact/**")
    assert page.locator("textarea").first.input_value() == "pgb zorgkosten"
