"""Dutch search that finds an answer for what a parent really types.

Questions are ranked with BM25F (rare words weigh more, the title and the extra
search words more than the answer, the phase and theme a little) over an index
held in each app server's memory. Words are folded (lower case, no accents),
stop words dropped and stemmed with the Snowball Dutch stemmer plus two rules of
our own. On top of that a query is helped in four general ways:

* typos: a word that the content does not know is replaced by the nearest word
  that it does know (edit distance scaled to the word's length, never for short
  words);
* Dutch compounds: long words in the content also count as their parts
  (*leerplichtambtenaar* is found by *leerplicht*), and a compound in the query
  that the content lacks is split (*schoolgesprek*);
* synonyms that the netwerkgroep keeps in the admin (*rugzakje* -> *arrangement*);
* the glossary: a term, its full name and its variants all find each other.

The index is built from the database and rebuilt when a cheap fingerprint of
the content changes (counts and latest change times), checked on every search,
so every app server follows every save, delete and admin action without relying
on the shared cache. Ranking happens in Python, so SQLite and PostgreSQL agree.
"""

import heapq
import html
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from rapidfuzz import distance, process

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_RESULTS = 30
WORD_RE = re.compile(r"[0-9a-z]+")
_stemmer = snowballstemmer.stemmer("dutch")

# How much each part of a question counts (BM25F field weights).
FIELD_WEIGHTS = {"title": 3.0, "search_words": 3.0, "answer": 1.0, "context": 0.5}
K1 = 1.2
B = 0.75
# A word found through a synonym, the glossary or a compound part counts a bit less than the word itself.
SYNONYM_WEIGHT = 0.8
PART_WEIGHT = 0.6
# Typos are only corrected in words of at least this many letters: short words are too often right.
MIN_TYPO_LENGTH = 5

# Snowball's Dutch stop words, plus question words and pronouns parents type, plus the
# commonest English ones: none of them says what a question is about.
STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of
    wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u
    want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun
    dus alles onder ja hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets
    uw iemand geweest andere ander jij jou jouw jullie wij we onze waar waarom wanneer welke welk hoeveel
    mag mogen moeten kun kunt wilt willen zit zitten gaat gaan doet krijg krijgt graag nou eigenlijk even
    erg heel echt steeds weer dan toe heer mevrouw hallo hoi beste vraag vragen weet weten
    i my me we our you your he she it its they them his her the a an is are was were be been am to of for from
    in on at by and or but not no do does did can could should would will what how why when where who which
    with about this that these those there here have has had so if into than then as also just
    """.split()
) - {"so"}  # SO is the abbreviation of speciaal onderwijs


def fold(text):
    """Lower case without accents: 'Café' -> 'cafe'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


DOUBLE_VOWEL_RE = re.compile(r"(aa|ee|oo|uu)(?=[^aeiou]*$)")


@lru_cache(maxsize=50_000)
def stem(word):
    result = _stemmer.stemWord(word)
    # Snowball keeps agent nouns (thuiszitter) apart from verbs (thuiszitten).
    if len(result) >= 8 and result.endswith("er"):
        result = result[:-2]
        if len(result) > 2 and result[-1] == result[-2]:
            result = result[:-1]
    # Dutch doubles a vowel in a closed syllable: speciaal/speciale, groot/grote, meer/meerdere.
    return DOUBLE_VOWEL_RE.sub(lambda m: m.group(1)[0], result)


def words(text):
    # Only [0-9a-z] survive, so dropping what is not ASCII after NFKD folds as fold() does, at C speed.
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return WORD_RE.findall(text.lower())


TAG_RE = re.compile(r"<[^>]*>")


def plain_text(answer):
    """The text of (sanitised) answer HTML, for the index and the snippets; escaped again when shown."""
    return " ".join(html.unescape(TAG_RE.sub(" ", answer)).split())


def content_words(text):
    """The words of a text that say something: no stop words, no single letters."""
    return [w for w in words(text) if len(w) > 1 and w not in STOP_WORDS]


def stems(text):
    return [stem(word) for word in words(text) if len(word) > 1]


def index_text(text):
    """What a question stores in the database: its stems, space-delimited on both sides."""
    return " " + " ".join(dict.fromkeys(stems(strip_tags(text)))) + " "


def normalised_words(query):
    return " ".join(sorted(set(words((query or "")[:MAX_QUERY_LENGTH]))))[:200]


def split_forms(text):
    """'arrangement, extra ondersteuning' -> ['arrangement', 'extra ondersteuning']."""
    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


def phrase_stems(phrase):
    """The stems of a phrase's meaningful words: what it makes the search look for."""
    return tuple(stem(w) for w in content_words(phrase))


def key_stems(phrase):
    """The stems of all words of a phrase: what a query must contain for it to apply."""
    return tuple(dict.fromkeys(stem(w) for w in words(phrase) if len(w) > 1))


# --- the index -------------------------------------------------------------------------------


@dataclass
class Document:
    pk: int
    title: str
    slug: str
    text: str  # the answer as plain text, for the snippet


@dataclass
class Expansion:
    """A word or phrase that parents type, and what the content calls it."""

    key: tuple  # stems that must all be in the query
    stems: dict  # stem -> weight
    term_pks: tuple = ()  # glossary terms it stands for


@dataclass
class Index:
    fingerprint: tuple = ()
    documents: list = field(default_factory=list)
    postings: dict = field(default_factory=dict)  # stem -> {doc number: BM25F weight}
    vocabulary: set = field(default_factory=set)  # every stem the content knows
    spellings: list = field(default_factory=list)  # known words, most frequent first, for typos
    expansions: list = field(default_factory=list)
    terms: dict = field(default_factory=dict)  # pk -> glossary term

    @property
    def texts(self):
        """Plain answer text by question pk, for the snippets."""
        if not hasattr(self, "_texts"):
            self._texts = {doc.pk: doc.text for doc in self.documents}
        return self._texts


def _compound_split(word, known):
    """The parts of a Dutch compound of which at least one is a known stem, or ()."""
    if len(word) < 9:
        return ()
    best, best_score = (), 0
    for i in range(4, len(word) - 3):
        tail = word[i:]
        for head in (word[:i], word[: i - 1] if word[i - 1] == "s" and i > 4 else None):
            if head is None or len(head) < 4:
                continue
            head_stem, tail_stem = stem(head), stem(tail)
            score = 2 * (head_stem in known) + 2 * (tail_stem in known) + len(head) / 100
            if score > best_score and score >= 2:
                best, best_score = (head_stem, tail_stem), score
    return best


def _field_stems(field_words, known, splits):
    """Stems of a field's words, with the parts of long compounds counted a little."""
    counts = Counter()
    for word in field_words:
        counts[stem(word)] += 1
        if word not in splits:
            splits[word] = _compound_split(word, known)
        for part in splits[word]:
            counts[part] += PART_WEIGHT
    return counts


def build_index(*, fingerprint, questions, terms, synonyms):
    """Build the index from plain data.

    ``questions`` is a list of dicts with pk, title, slug, answer, search_words, context, sort_key;
    ``terms`` of glossary terms (with ``forms()``); ``synonyms`` of (phrase, expansions) pairs.
    """
    index = Index(fingerprint=fingerprint)
    questions = sorted(questions, key=lambda q: q["sort_key"])
    texts = []
    spellings = Counter()
    for q in questions:
        answer = plain_text(q["answer"])
        fields = {
            "title": content_words(q["title"]),
            "search_words": content_words(q["search_words"]),
            "answer": content_words(answer),
            "context": content_words(q["context"]),
        }
        texts.append(fields)
        for field_words in fields.values():
            spellings.update(w for w in field_words if len(w) >= MIN_TYPO_LENGTH)
        index.documents.append(Document(q["pk"], q["title"], q["slug"], answer))
    for term in terms:
        for form in [*term.forms(), term.meaning]:
            spellings.update(w for w in content_words(form) if len(w) >= MIN_TYPO_LENGTH)
    known = {stem(w) for text in texts for value in text.values() for w in set(value)}
    known |= {stem(w) for w in spellings}

    splits = {}
    counted = [{name: _field_stems(value, known, splits) for name, value in text.items()} for text in texts]
    n = len(counted) or 1
    average = {name: (sum(sum(c[name].values()) for c in counted) / n) or 1 for name in FIELD_WEIGHTS}
    frequency = Counter(s for c in counted for s in set().union(*(f.keys() for f in c.values())))
    for number, fields in enumerate(counted):
        combined = defaultdict(float)
        for name, counts in fields.items():
            norm = 1 - B + B * sum(counts.values()) / average[name]
            for s, tf in counts.items():
                combined[s] += FIELD_WEIGHTS[name] * tf / norm
        for s, tf in combined.items():
            idf = math.log(1 + (n - frequency[s] + 0.5) / (frequency[s] + 0.5))
            index.postings.setdefault(s, {})[number] = idf * tf / (K1 + tf)
    index.vocabulary = set(index.postings)

    for term in terms:
        index.terms[term.pk] = term
        forms = [f for f in [*term.forms(), term.meaning] if f]
        group = {s: SYNONYM_WEIGHT for form in forms for s in phrase_stems(form)}
        for form in forms:
            key = key_stems(form)
            if key:
                index.expansions.append(Expansion(key, group, (term.pk,)))
    for phrase, expansions in synonyms:
        key = key_stems(phrase)
        targets = {s: SYNONYM_WEIGHT for form in split_forms(expansions) for s in phrase_stems(form)}
        if key and targets:
            index.expansions.append(Expansion(key, targets))
            spellings.update(w for w in content_words(phrase) if len(w) >= MIN_TYPO_LENGTH)
    index.spellings = [w for w, _count in spellings.most_common()]
    return index


# --- querying --------------------------------------------------------------------------------


@dataclass
class Hit:
    pk: int
    title: str
    slug: str
    score: float


@dataclass
class Outcome:
    hits: list
    term_pks: list
    corrected: str = ""  # the query as searched, when a typo was corrected
    stems: set = field(default_factory=set)  # every stem searched, for marking the text


def max_typo_distance(word):
    if len(word) < MIN_TYPO_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


def correct(word, index):
    """The nearest word the content knows, or None."""
    limit = max_typo_distance(word)
    if not limit or not index.spellings:
        return None
    # Spellings are sorted by frequency, so among equally near words the commonest wins.
    choices = index.spellings
    if len(word) < 8:
        # A shorter word is more often a different word (duurt, buurt): keep its first letter.
        choices = [w for w in choices if w[0] == word[0]]
    match = process.extractOne(word, choices, scorer=distance.OSA.distance, score_cutoff=limit)
    return match[0] if match else None


def analyse(query, index, *, exact=False):
    """Turn a query into concepts (each a dict of stem -> weight), the glossary terms it names,
    and the query as searched when a typo was corrected."""
    query_words = [w for w in words((query or "")[:MAX_QUERY_LENGTH]) if len(w) > 1][: MAX_TERMS * 3]
    known_phrase_words = {s for e in index.expansions for s in e.key}
    shown, meaningful, corrected = [], [], False
    concepts, term_pks = [], []
    for word in query_words:
        if word in STOP_WORDS:
            shown.append(word)
            continue
        s = stem(word)
        concept = {s: 1.0}
        if s not in index.vocabulary and s not in known_phrase_words:
            parts = _compound_split(word, index.vocabulary)
            if len(parts) == 2 and all(p in index.vocabulary for p in parts):
                concept = dict.fromkeys(parts, PART_WEIGHT)
            elif not exact and (better := correct(word, index)):
                concept = {stem(better): 1.0}
                word, corrected = better, True
        shown.append(word)
        meaningful.append(word)
        if len(concepts) < MAX_TERMS:
            concepts.append(concept)
    # Two words that the content writes as one: "thuis zitten" -> thuiszitten.
    searched = {s for c in concepts for s in c}
    for first, second in zip(meaningful, meaningful[1:], strict=False):
        joined = stem(first + second)
        if joined in index.vocabulary and joined not in searched:
            concepts.append({joined: 1.0})
    # Synonyms and glossary forms are matched on all words typed, stop words too ("wil niet naar school").
    typed = {stem(w) for w in shown}
    for expansion in index.expansions:
        if all(s in typed for s in expansion.key):
            concepts.append(dict(expansion.stems))
            term_pks.extend(pk for pk in expansion.term_pks if pk not in term_pks)
    return concepts, term_pks, (" ".join(shown) if corrected else "")


def run(query, index, *, exact=False, limit=MAX_RESULTS):
    concepts, term_pks, corrected = analyse(query, index, exact=exact)
    # Only concepts that the content knows count: a word it lacks ("zoon") must not empty the result.
    active = [c for c in concepts if any(s in index.vocabulary for s in c)]
    scores = defaultdict(float)
    matched = defaultdict(int)
    for concept in active:
        best = {}
        for s, weight in concept.items():
            for number, value in index.postings.get(s, {}).items():
                best[number] = best.get(number, 0) + weight * value
        for number, value in best.items():
            scores[number] += value
            matched[number] += 1
    # All words together count more than some of them.
    total = len(active)
    # Documents are stored in the site's own order, so their number breaks ties.
    ranked = heapq.nsmallest(
        limit, ((-value * (matched[number] / total) ** 2, number) for number, value in scores.items())
    )
    hits = [
        Hit(index.documents[n].pk, index.documents[n].title, index.documents[n].slug, round(-points, 4))
        for points, n in ranked
    ]
    all_stems = {s for c in active for s in c}
    return Outcome(hits=hits, term_pks=term_pks, corrected=corrected, stems=all_stems)


def suggestions(query, index, limit=5):
    """Known words that look like the ones typed, for "bedoelde je …?"."""
    found = []
    for word in content_words((query or "")[:MAX_QUERY_LENGTH])[:MAX_TERMS]:
        if len(word) < 4:
            continue
        for match, _score, _i in process.extract(
            word, index.spellings, scorer=distance.Levenshtein.normalized_similarity, score_cutoff=0.5, limit=3
        ):
            if match not in found and match != word:
                found.append(match)
    return found[:limit]


# --- the index of this app server ------------------------------------------------------------

_current = Index()
_lock = threading.Lock()


def current_index(*, fingerprint, load):
    """The index for ``fingerprint``, rebuilt with ``load()`` when the content changed."""
    global _current  # one index per process, swapped whole
    index = _current
    if index.fingerprint == fingerprint:
        return index
    with _lock:
        if _current.fingerprint != fingerprint:
            _current = build_index(fingerprint=fingerprint, **load())
        return _current


def content_fingerprint():
    """Changes whenever a question, phase, theme, glossary term or synonym is added, changed or deleted.

    Counts catch deletions, the latest change time catches edits. One query of small
    aggregates, cheap enough for every search, and right on every app server even when
    the shared cache is down. Plain SQL that SQLite and PostgreSQL both run, because the
    ORM takes longer to compile five aggregates than the database takes to answer them.
    """
    from django.db import connection

    from .models import Phase, Question, Synonym, Term, Theme

    selects = []
    for model in (Question, Term, Synonym, Phase, Theme):
        table = connection.ops.quote_name(model._meta.db_table)
        selects += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX(updated_at) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects))  # table names from the models
        return tuple(cursor.fetchone())


def load_content():
    from .models import Phase, Question, Synonym, Term

    # What a phase says about the parent ("je voelt je niet gehoord") helps whole sentences find its questions.
    phases = {
        phase.pk: " ".join([phase.name, phase.description, phase.you_are_here_if, phase.chooser_statement])
        for phase in Phase.objects.all()
    }
    rows = Question.objects.published().values_list(
        "pk", "title", "slug", "answer", "search_words", "phase_id", "theme__name", "phase__order", "order"
    )
    questions = [
        {
            "pk": pk,
            "title": title,
            "slug": slug,
            "answer": answer,
            "search_words": search_words,
            "context": f"{phases.get(phase, '')} {theme or ''}",
            "sort_key": (phase_order, order, title),
        }
        for pk, title, slug, answer, search_words, phase, theme, phase_order, order in rows
    ]
    terms = list(Term.objects.all())
    synonyms = list(Synonym.objects.values_list("phrase", "expansions"))
    return {"questions": questions, "terms": terms, "synonyms": synonyms}


def search_index():
    return current_index(fingerprint=content_fingerprint(), load=load_content)


# --- showing results -------------------------------------------------------------------------


@lru_cache(maxsize=50_000)
def token_stem(token):
    return stem(fold(token))


def _matcher(query_stems):
    """A fast test for "this word of the text was searched for"."""
    exact = set(query_stems)
    prefixes = {s for s in exact if len(s) >= 4}
    shortest = min((len(s) for s in prefixes), default=0)

    memo = {}

    def matches(token):
        if token in memo:
            return memo[token]
        token_stem_ = token_stem(token)
        # A compound starts with the word searched for: leerplicht -> leerplichtambtenaar.
        memo[token] = found = token_stem_ in exact or (
            bool(prefixes) and any(token_stem_[:n] in prefixes for n in range(shortest, len(token_stem_)))
        )
        return found

    return matches


TOKEN_RE = re.compile(r"(\w+)")


def highlight(text, query_stems, length=220, *, plain=False):
    """A piece of plain text around the first match, with the matched words marked.

    ``plain`` says the text has no tags already (the index keeps answers as plain text).
    """
    matches = _matcher(query_stems)
    if not plain:
        text = strip_tags(text)
    text = " ".join(text.split())
    start_char = 0
    for found in TOKEN_RE.finditer(text):
        if matches(found.group(0)):
            start_char = max(0, found.start() - length // 3)
            break
    if start_char:
        space = text.find(" ", start_char)
        start_char = space + 1 if space != -1 else start_char
    piece = text[start_char : start_char + length]
    parts, last = [], 0
    for found in TOKEN_RE.finditer(piece):
        if matches(found.group(0)):
            parts += [html.escape(piece[last : found.start()]), f"<mark>{html.escape(found.group(0))}</mark>"]
            last = found.end()
    parts.append(html.escape(piece[last:]))
    prefix = "… " if start_char else ""
    suffix = " …" if start_char + length < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece is escaped above
