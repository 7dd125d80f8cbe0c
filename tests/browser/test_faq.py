import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_site import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "/vragen/extra-ondersteuning/wat-is-een-opp-en-waarom-krijgt-mijn-kind-er-een/"


@pytest.mark.parametrize(
    "path",
    [
        "/vragen/",
        "/vragen/eerste-zorgen/",
        "/vragen/thuiszitten/",
        QUESTION,
        "/begrippen/",
        "/zoeken/?q=thuiszitter",
        "/zoeken/?q=zwemdiploma",
        "/zoeken/?q=x",
        "/en/vragen/",
    ],
)
def test_faq_pages_are_accessible(page, demo, path):  # noqa: F811
    page.goto(path)
    assert_accessible(page)
    screenshot(page, "faq" + path.replace("/", "-").replace("?q=", "-"))


def test_parent_finds_answer_through_chooser_and_says_no(page, demo):  # noqa: F811
    page.goto("/")
    page.get_by_role("link", name="Mijn kind zit thuis en gaat niet naar school.").click()
    page.get_by_role("link", name="Mijn kind zit thuis. Wat moet ik als eerste doen?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn kind zit thuis. Wat moet ik als eerste doen?")
    # The glossary term is explained on the page itself.
    page.locator("a.term").first.click()
    assert "#begrip-samenwerkingsverband" in page.url
    assert page.locator("#uitleg-samenwerkingsverband").is_visible()
    page.get_by_role("button", name="Nee").click()
    expect(page.get_by_role("heading", name="Jammer dat dit niet hielp")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "journey-chooser-not-helped")
    page.get_by_role("link", name="Stel je vraag").click()
    expect(page.locator("main")).to_contain_text("Je vraag gaat over")


def tab_to(page, selector, limit=40):
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus with Tab")


def test_parent_finds_an_answer_with_the_keyboard_only(page, demo):  # noqa: F811
    page.goto("/")
    # On a phone the header offers the search button; the field waits on the search page.
    tab_to(page, ".header-search button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/**")
    tab_to(page, "#search-q")
    page.keyboard.type("thuiszitter")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=thuiszitter")
    assert page.locator("mark").count() > 0
    assert_accessible(page)
    screenshot(page, "journey-keyboard-search")
    tab_to(page, ".results a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/vragen/**")
    assert "thuis" in page.get_by_role("heading", level=1).inner_text().lower()
    tab_to(page, "button[value=ja]")
    page.keyboard.press("Enter")
    page.wait_for_url("**feedback=ja**")
    assert page.get_by_role("heading", name="Fijn dat dit hielp!").is_visible()


def test_structured_data_needs_no_nonce(page, demo):  # noqa: F811
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(QUESTION)
    data = page.locator('script[type="application/ld+json"]').inner_text()
    assert '"FAQPage"' in data
    assert not [e for e in errors if "Content Security Policy" in e], errors
