"""Every interface string has an English translation, and the English site shows it.

The catalogue is read with a tiny parser of our own: polib is not a dependency.
"""

import ast
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.factories import EventFactory, QuestionFactory

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def read_po(path):
    """The entries of a .po file as dicts: 'flags' (a set) and each keyword with its joined text."""
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _space, text = line.partition(" ")
            entry[key] = ast.literal_eval(text)
    return [entry for entry in entries if not entry.get("obsolete")]


def translations(entry):
    return [text for key, text in entry.items() if key.startswith("msgstr")]


def test_the_parser_sees_every_kind_of_entry(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\nmsgid "vraag"\nmsgstr ""\n\n'
        '#, fuzzy\n#| msgid "vragen"\nmsgid "Vraag"\nmsgstr "Question"\n\n'
        'msgid "%(n)d vraag"\nmsgid_plural "%(n)d vragen"\nmsgstr[0] "%(n)d question"\nmsgstr[1] ""\n\n'
        'msgid ""\n"lange "\n"zin"\nmsgstr "long "\n"sentence"\n',
        encoding="utf-8",
    )
    header, untranslated, fuzzy, plural, wrapped = read_po(po)
    assert header["msgstr"] == "Language: en\n"
    assert translations(untranslated) == [""]
    assert "fuzzy" in fuzzy["flags"]
    assert translations(plural) == ["%(n)d question", ""]
    assert (wrapped["msgid"], wrapped["msgstr"]) == ("lange zin", "long sentence")


def test_every_interface_string_has_an_english_translation():
    entries = read_po(PO)
    assert len(entries) > 500, "the catalogue looks empty: was it read?"
    untranslated = [e["msgid"] for e in entries if e["msgid"] and not all(translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    for entry in read_po(PO):
        for text in translations(entry):
            for mark in ("%(", "%d", "%s"):
                assert text.count(mark) >= min(entry["msgid"].count(mark), 1), (entry["msgid"], text)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="msgfmt (gettext) is not installed")
def test_msgfmt_accepts_the_english_catalogue(tmp_path):
    # -c checks placeholders (python-format), plural forms and leading/trailing newlines.
    result = subprocess.run(
        ["msgfmt", "-c", "-o", str(tmp_path / "django.mo"), str(PO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


class EnglishText(HTMLParser):
    """Text nodes that are not inside an element marked as another language (lang="nl")."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))
        # Labels a screen reader reads out are interface text too.
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value and self.lang() != "nl":
                self.texts.append(" ".join(value.split()))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def lang(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def handle_data(self, data):
        if any(tag in ("script", "style") for tag, _lang in self.stack):
            return
        text = " ".join(data.split())
        if text and self.lang() != "nl":
            self.texts.append(text)


# Dutch interface words a parent meets on every page; each has an English translation.
DUTCH_INTERFACE = ["Zoek een vraag", "Naar de inhoud", "Hoofdmenu", "Stel je vraag", "Vragen", "Zoeken"]

KEY_PAGES = ["/en/", "/en/vragen/", "/en/agenda/", "/en/contact/", "/en/buddy/", "/en/zoeken/?q=opp"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", KEY_PAGES)
def test_english_key_pages_show_no_dutch_interface_text(client, path):
    # Dutch content (a question, an event) is allowed on /en/, marked lang="nl"; the interface is not.
    QuestionFactory(title="Wat is een OPP?", answer="<p>Een OPP is een plan voor je kind.</p>")
    EventFactory(title="Oudercafé over rust")
    response = client.get(path)
    assert response.status_code == 200
    parser = EnglishText()
    parser.feed(response.content.decode())
    assert parser.texts, "no English text found: was the page read?"

    # Any text shown outside lang="nl" that is a Dutch msgid with a different English msgstr
    # means the translation is missing or not used.
    catalogue = {
        e["msgid"]: e["msgstr"] for e in read_po(PO) if e.get("msgstr") and e["msgstr"] != e["msgid"] and e["msgid"]
    }
    dutch_msgids = {msgid for msgid in catalogue if len(msgid) > 3}
    shown_dutch = [text for text in parser.texts if text in dutch_msgids]
    assert shown_dutch == []
    for words in DUTCH_INTERFACE:
        assert not [text for text in parser.texts if words in text], words
