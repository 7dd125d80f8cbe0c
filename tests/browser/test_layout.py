"""What a parent on a 360 px phone sees: a compact header, a visible focus ring, text that
survives extra spacing (WCAG 2.2: 1.4.11, 1.4.12, 2.4.11, 2.5.8)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The text-spacing settings of WCAG 1.4.12, as the W3C's own bookmarklet applies them.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# Elements whose text runs out of their own box (a long e-mail address, a Dutch compound).
OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.offsetParent !== null && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible')
  .filter(el => el.scrollWidth > el.clientWidth + 1)
  .map(el => `${el.tagName} ${el.scrollWidth}>${el.clientWidth}: ${el.textContent.trim().slice(0, 30)}`)"""


def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css):
    return tuple(int(float(part)) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


@pytest.mark.parametrize("language", ["", "/en"])
def test_header_is_compact_on_a_phone(page, demo, language):
    page.goto(language + "/")
    height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert height <= 120, f"header is {height}px tall at 360px"
    # Every menu entry on one line, none pushed below the others.
    tops = page.evaluate("[...document.querySelectorAll('.main-nav a')].map(a => a.getBoundingClientRect().top)")
    assert len(set(tops)) == 1, tops
    # Search still works without JavaScript: the button leads to the search page with its field.
    page.click(".header-search button")
    page.wait_for_url("**/zoeken/**")
    assert page.locator("main input[type=search]").is_visible()


@pytest.fixture
def spacing_page(browser, live_server):
    # The strict CSP rightly refuses an injected style sheet; a reader's extension is not bound by it.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 800}, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["/begrippen/", "/contact/", "/vragen/", "/"])
def test_text_spacing_loses_nothing(spacing_page, demo, path):
    page = spacing_page
    page.goto(path)
    page.add_style_tag(content=TEXT_SPACING)
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_focus_ring_stands_out(page, demo):
    page.goto("/contact/")
    for selector, background in [
        ("main a", "body"),
        ("main button[type=submit]", "body"),
        (".site-footer a", ".site-footer"),
    ]:
        element = page.locator(selector).first
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        style = element.evaluate(
            "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
        )
        assert style[0] == "solid" and float(style[1].rstrip("px")) >= 2, (selector, style)
        around = page.evaluate(f"getComputedStyle(document.querySelector('{background}')).backgroundColor")
        assert contrast(_rgb(style[2]), _rgb(around)) >= 3, (selector, style[2], around)


def test_checkboxes_and_radios_are_big_enough_to_tap(page, demo):
    page.goto("/contact/")
    sizes = page.evaluate(
        "[...document.querySelectorAll('main input[type=checkbox], main input[type=radio]')]"
        ".filter(el => el.offsetParent !== null).map(el => [el.name, el.getBoundingClientRect().width])"
    )
    assert sizes
    assert all(width >= 24 for _, width in sizes), sizes
