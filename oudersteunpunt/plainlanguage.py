"""Taalhulp: advice for writing Dutch at B1, the level most parents read comfortably.

It points at what makes a text hard, in the order a volunteer can act on it: long
sentences, long rare words, school jargon that is not explained where it first
occurs, and the passive voice where it is easy to spot. It only advises; saving is
never blocked. Word frequency comes from ``wordfreq`` and syllables from ``pyphen``;
both work offline.

The jargon is passed in as plain data (``Jargon``), so this module knows no part of
the site: the glossary lives in the Vragen part and hands its terms over.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

MAX_SENTENCE_WORDS = 20
# A word is hard when it is long (four syllables or more) and rare: a Zipf frequency under 3
# means less than once in a million words of ordinary Dutch ("school" is 5.5, "kind" 5.4,
# "ontwikkelingsperspectief" 1.0, "toelaatbaarheidsverklaring" 0).
HARD_WORD_SYLLABLES = 4
HARD_WORD_ZIPF = 3.0
HARD_SCORE = 60

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# A sentence ends at . ! ? or a colon before a line break; abbreviations such as "bijv." or
# "o.a." do not end one because the next word starts in lower case.
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(]?[A-Z0-9ÀÁÂÉÈËÏÍÓÖÚÜ])")
WORDEN = {"word", "wordt", "worden", "werd", "werden", "geworden"}
PARTICIPLE_RE = re.compile(r"^(ge|be|ver|ont|her|er)\w{2,}(d|t|en)$")
EXPLAINERS = re.compile(
    r"\b(betekent|wil zeggen|dat is|dit is|is een|is het|zijn de|staat voor|heet|noemen we|ook wel)\b|[(:]",
    re.IGNORECASE,
)
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd", "dt", "br", "div"}


@dataclass(frozen=True)
class Jargon:
    """A glossary term as the helper needs it: the word, what it stands for, its other forms."""

    term: str
    meaning: str = ""
    forms: tuple[str, ...] = ()

    def all_forms(self):
        return {f for f in (self.term, self.meaning, *self.forms) if f}


@dataclass(frozen=True)
class Advice:
    kind: str  # long_sentence, hard_word, jargon, passive
    message: str
    excerpt: str = ""


@dataclass
class Report:
    words: int = 0
    sentences: int = 0
    advice: list[Advice] = field(default_factory=list)

    @property
    def score(self):
        """100 for a plain text; each kind of problem costs in proportion to how often it occurs."""
        if not self.words:
            return 100
        counts = {kind: sum(a.kind == kind for a in self.advice) for kind in PENALTY}
        cost = sum(PENALTY[kind] * count for kind, count in counts.items())
        # Per 100 words, so a long answer may have a little more to advise than a short one; a text
        # under 60 words counts as 60, so one very hard sentence is not excused by its shortness.
        per_hundred_words = cost * 100 / max(self.words, 60)
        return max(0, round(100 - per_hundred_words))

    @property
    def is_hard(self):
        return self.score < HARD_SCORE

    def summary(self):
        if not self.advice:
            return _("Deze tekst is goed te lezen.")
        parts = []
        for kind, label in (
            ("long_sentence", lambda n: ngettext("%(n)d lange zin", "%(n)d lange zinnen", n)),
            ("hard_word", lambda n: ngettext("%(n)d moeilijk woord", "%(n)d moeilijke woorden", n)),
            ("jargon", lambda n: ngettext("%(n)d vakwoord zonder uitleg", "%(n)d vakwoorden zonder uitleg", n)),
            ("passive", lambda n: ngettext("%(n)d lijdende vorm", "%(n)d keer lijdende vorm", n)),
        ):
            count = sum(a.kind == kind for a in self.advice)
            if count:
                parts.append(label(count) % {"n": count})
        return ", ".join(parts)


PENALTY = {"long_sentence": 12, "hard_word": 6, "jargon": 10, "passive": 4}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.blocks.append([])

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.blocks.append([])

    def handle_data(self, data):
        self.blocks[-1].append(data)


def text_blocks(html):
    """The text of each paragraph, list item or heading: a sentence never runs across them."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    blocks = (" ".join("".join(parts).split()) for parts in parser.blocks)
    return [block for block in blocks if block]


def sentences(html):
    return [s.strip() for block in text_blocks(html) for s in SENTENCE_END_RE.split(block) if s.strip()]


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


@lru_cache(maxsize=20_000)
def syllables(word):
    return len(_hyphenator().positions(word.lower())) + 1


@lru_cache(maxsize=20_000)
def zipf(word):
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "nl")


def is_hard_word(word):
    return len(word) > 7 and syllables(word) >= HARD_WORD_SYLLABLES and zipf(word) < HARD_WORD_ZIPF


def _excerpt(sentence, limit=80):
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _form_pattern(form):
    # Abbreviations (OPP, SO) only in capitals: "so" and "mr" are ordinary words.
    flags = 0 if form.isupper() else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", flags)


def _first_use(text, jargon):
    """Where the term first occurs in the text, and the form used there."""
    first = None
    for form in jargon.all_forms():
        match = _form_pattern(form).search(text)
        if match and (first is None or match.start() < first.start()):
            first = match
    return first


def _explained(text, jargon, match):
    """Explained when the words around the first use give another form ("OPP (ontwikkelingsperspectief)")
    or say what it means ("… betekent …", "dat is …", a colon)."""
    window = text[max(0, match.start() - 60) : match.end() + 80]
    others = jargon.all_forms() - {match.group(0)}
    others = {o for o in others if o.lower() != match.group(0).lower()}
    if any(_form_pattern(o).search(window) for o in others):
        return True
    return bool(EXPLAINERS.search(text[match.end() : match.end() + 40]))


def analyse(html, *, jargon=()):
    """A ``Report`` with advice on the rich-text ``html`` (or plain text)."""
    report = Report()
    all_sentences = sentences(html)
    report.sentences = len(all_sentences)
    text = " ".join(all_sentences)
    jargon_forms = {form.lower() for item in jargon for form in item.all_forms()}
    seen_hard = set()
    for sentence in all_sentences:
        words = WORD_RE.findall(sentence)
        report.words += len(words)
        if len(words) > MAX_SENTENCE_WORDS:
            report.advice.append(
                Advice(
                    "long_sentence",
                    _("Deze zin heeft %(count)d woorden. Maak er twee of drie zinnen van (hooguit %(max)d woorden).")
                    % {"count": len(words), "max": MAX_SENTENCE_WORDS},
                    _excerpt(sentence),
                )
            )
        for word in words:
            key = word.lower()
            if key in seen_hard or key in jargon_forms:
                continue
            if is_hard_word(word):
                seen_hard.add(key)
                report.advice.append(
                    Advice(
                        "hard_word",
                        _("'%(word)s' is een lang en weinig gebruikt woord. Kun je het gewoner zeggen?")
                        % {"word": word},
                        _excerpt(sentence),
                    )
                )
        lowered = [w.lower() for w in words]
        for index, word in enumerate(lowered):
            if word in WORDEN and any(PARTICIPLE_RE.match(w) for w in lowered[index + 1 : index + 8]):
                report.advice.append(
                    Advice(
                        "passive",
                        _("Deze zin staat in de lijdende vorm ('%(word)s'). Zeg wie het doet: 'de school maakt…'.")
                        % {"word": words[index]},
                        _excerpt(sentence),
                    )
                )
                break
    # Only jargon with something concrete to say: an abbreviation or a term with its full meaning.
    # Other glossary words are explained by the glossary mark-up on the public page.
    for item in (j for j in jargon if j.meaning or j.term.isupper()):
        match = _first_use(text, item)
        if match and not _explained(text, item, match):
            report.advice.append(
                Advice(
                    "jargon",
                    _("Leg '%(term)s' uit waar het de eerste keer staat, bijvoorbeeld: '%(term)s (%(meaning)s)'.")
                    % {"term": match.group(0), "meaning": item.meaning or item.term},
                    _excerpt(text[max(0, match.start() - 30) : match.end() + 50]),
                )
            )
    return report


@require_POST
def advice_view(request):
    """The Taalhulp's advice on posted text, as an HTML fragment for the admin's change page."""
    from . import registry

    report = analyse(request.POST.get("text", "")[:50_000], jargon=registry.jargon())
    return render(request, "admin/includes/plain_language.html", {"report": report})
