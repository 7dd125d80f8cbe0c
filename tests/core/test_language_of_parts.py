"""On the English site, text that volunteers wrote in Dutch is marked lang="nl" (WCAG 3.1.2)."""

from html.parser import HTMLParser

import pytest

from tests.factories import EventFactory, PageFactory, QuestionFactory, TermFactory

pytestmark = pytest.mark.django_db


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class LangOfText(HTMLParser):
    """Which language each piece of text is in: the lang of the nearest element around it."""

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], {}

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if any(tag in ("title", "script") for tag, _lang in self.stack):
            return  # the page title and structured data cannot carry a lang of their own
        lang = next((lang for _tag, lang in reversed(self.stack) if lang), None)
        self.found.setdefault(data.strip(), lang)


def element_lang(html, text):
    parser = LangOfText()
    parser.feed(html)
    return next(lang for data, lang in parser.found.items() if text in data)


@pytest.fixture
def content(db):
    question = QuestionFactory(title="Mag school mijn kind weigeren?", answer="<p>Nee, dat mag niet zomaar.</p>")
    event = EventFactory(title="Oudercafé over rust", description="<p>We praten over rust in huis.</p>")
    TermFactory(term="zorgplicht-proef", explanation="De school moet een passende plek zoeken.")
    PageFactory(slug="proef", title="Wie wij zijn", body="<p>Wij zijn ouders.</p>", published=True)
    return question, event


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        ("question", ["Mag school mijn kind weigeren?", "Nee, dat mag niet zomaar."]),
        ("event", ["Oudercafé over rust", "We praten over rust in huis."]),
        ("/en/begrippen/", ["De school moet een passende plek zoeken."]),
        ("/en/proef/", ["Wie wij zijn", "Wij zijn ouders."]),
        ("/en/vragen/", ["Mag school mijn kind weigeren?"]),
        ("/en/agenda/", ["Oudercafé over rust"]),
    ],
)
def test_dutch_content_on_the_english_site_is_marked_dutch(client, content, path, texts):
    question, event = content
    url = {"question": "/en" + question.get_absolute_url(), "event": "/en" + event.get_absolute_url()}.get(path, path)
    html = client.get(url).content.decode()
    assert '<html lang="en"' in html
    for text in texts:
        assert element_lang(html, text) == "nl", text


def test_the_dutch_site_has_no_extra_lang(client, content):
    html = client.get(content[0].get_absolute_url()).content.decode()
    assert html.count('lang="nl"') == 1 + html.count('hreflang="nl"')
