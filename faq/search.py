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
    phase_slug: str = ""  # for the result's address and label, without a query per search
    phase_name: str = ""


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
    # Derived once per build, so a query does not walk the whole vocabulary:
    phrase_words: frozenset = frozenset()  # every stem a synonym or glossary form needs
    typo_choices: dict = field(default_factory=dict)  # (first letter, length) and length -> spellings
    spelling_rank: dict = field(default_factory=dict)  # spelling -> place in ``spellings``
    top: dict = field(default_factory=dict)  # common stem -> its best MAX_RESULTS document numbers
    # A synonym or glossary group of several stems with many documents -> its points per document,
    # merged once per build instead of on every search that names it.
    expanded: dict = field(default_factory=dict)

    @property
    def documents_by_pk(self):
        """Each document by its question's pk, for showing the results."""
        if not hasattr(self, "_by_pk"):
            self._by_pk = {doc.pk: doc for doc in self.documents}
        return self._by_pk


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
        index.documents.append(
            Document(q["pk"], q["title"], q["slug"], answer, q.get("phase_slug", ""), q.get("phase_name", ""))
        )
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
    for s, documents in index.postings.items():
        if len(documents) > COMMON:
            index.top[s] = [number for _key, number in _best(documents, MAX_RESULTS)]

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
    for expansion in index.expansions:
        key = tuple(expansion.stems.items())
        if len(key) > 1 and key not in index.expanded:
            if sum(len(index.postings.get(s, ())) for s in expansion.stems) > COMMON:
                index.expanded[key] = _contributions(expansion.stems, index)
    index.phrase_words = frozenset(s for e in index.expansions for s in e.key)
    index.spelling_rank = {w: rank for rank, w in enumerate(index.spellings)}
    # Buckets in frequency order: by length (an edit changes the length by at most one letter)
    # and, for the short words that must keep their first letter, by first letter and length.
    for w in index.spellings:
        index.typo_choices.setdefault(len(w), []).append(w)
        index.typo_choices.setdefault((w[0], len(w)), []).append(w)
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
    # Only words whose length is within ``limit`` can be that near (each edit changes the length by
    # at most one). A shorter word is more often a different word (duurt, buurt): keep its first letter.
    # Among equally near words the commonest wins (``spellings`` is sorted by frequency).
    best = None
    for length in range(len(word) - limit, len(word) + limit + 1):
        choices = index.typo_choices.get(length if len(word) >= 8 else (word[0], length))
        if not choices:
            continue
        match = process.extractOne(word, choices, scorer=distance.OSA.distance, score_cutoff=limit)
        if match:
            found = (match[1], index.spelling_rank[match[0]], match[0])
            best = found if best is None or found < best else best
    return best[2] if best else None


def analyse(query, index, *, exact=False):
    """Turn a query into concepts (each a dict of stem -> weight), the glossary terms it names,
    and the query as searched when a typo was corrected."""
    query_words = [w for w in words((query or "")[:MAX_QUERY_LENGTH]) if len(w) > 1][: MAX_TERMS * 3]
    known_phrase_words = index.phrase_words
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


# A word in more documents than this is "common": its best documents are kept with the index
# (``Index.top``), and ``rank`` does not start from its documents.
COMMON = 500
# The first pass of ``rank`` scores at most this many documents.
SEED_MAX = 2000


def _contributions(concept, index):
    """Document number -> the concept's points (its stems' BM25F weights, each times its weight)."""
    if len(concept) > 1 and (kept := index.expanded.get(tuple(concept.items()))) is not None:
        return kept  # read only, never written to
    postings = index.postings
    found = [(postings[s], weight) for s, weight in concept.items() if s in postings]
    if len(found) == 1:
        documents, weight = found[0]
        # The postings themselves when nothing changes them (read only, never written to).
        return documents if weight == 1.0 else {number: weight * value for number, value in documents.items()}
    best = {}
    for documents, weight in found:
        get = best.get
        for number, value in documents.items():
            best[number] = get(number, 0) + weight * value
    return best


def _scored(numbers, contributions):
    """(rank key, number) of each document: its points, times (concepts matched / all concepts) squared."""
    total = len(contributions)
    for number in numbers:
        value, matched = 0.0, 0
        for points in contributions:
            found = points.get(number)
            if found is not None:
                value += found
                matched += 1
        yield -value * (matched / total) ** 2, number


def _best(points, limit):
    """The ``limit`` best (key, number) of one concept alone; ties to the lower number."""
    return heapq.nsmallest(limit, ((-value, number) for number, value in points.items()))


def rank(contributions, limit, top=None):
    """The ``limit`` best document numbers, best first: the points of all concepts added up, times
    the share of the concepts a document matches, squared (all words together count more than some);
    ties go to the document that comes first in the site's order (the lower number).

    Exact, but without scoring every document that has a common word ("school", in nearly all of
    them, with almost no points). A first pass scores the documents of the rarest concepts; the
    weakest of the best found so far is a threshold. Concepts that together cannot lift a document
    over it (their best points added up, times the share they make up, squared) are left out of the
    second pass, which scores the documents of the other concepts. ``top`` gives the best documents
    of a common concept alone, kept with the index.
    """
    total = len(contributions)
    if not total:
        return []
    if total == 1:
        points = contributions[0]
        if top is not None and limit <= len(top):
            return top[:limit]
        return [number for _key, number in _best(points, limit)]
    seed = set()
    for points in sorted(contributions, key=len):
        seed.update(points)
        if len(seed) >= limit:
            break
    if len(seed) > SEED_MAX:
        return _rank_by_matches(contributions, limit)
    best = heapq.nsmallest(limit, _scored(seed, contributions))
    if len(best) < limit:  # all documents were in the seed
        return [number for _key, number in best]
    threshold = -best[-1][0]
    # Largest concepts first: the commonest words bring the fewest points.
    left_out, bound = set(), 0.0
    for i in sorted(range(total), key=lambda i: -len(contributions[i])):
        ceiling = bound + max(contributions[i].values())
        # Clearly below, whatever the rounding: a document of only these concepts cannot tie either.
        if ceiling * ((len(left_out) + 1) / total) ** 2 * (1 + 1e-9) >= threshold:
            break
        left_out.add(i)
        bound = ceiling
    others = set().union(*(points for i, points in enumerate(contributions) if i not in left_out)) - seed
    return [number for _key, number in heapq.nsmallest(limit, best + list(_scored(others, contributions)))]


def _rank_by_matches(contributions, limit):
    """``rank`` when even the rarest concepts are common: documents grouped by how many concepts they
    match (counted at C speed), the groups that match most scored first. A group is left out once even
    its best possible document (the best points of that many concepts, times the share, squared)
    cannot beat the weakest of the best found so far."""
    total = len(contributions)
    counts = Counter()
    for points in contributions:
        counts.update(points.keys())
    groups = defaultdict(list)
    for number, matched in counts.items():
        groups[matched].append(number)
    maxima = sorted((max(points.values()) for points in contributions), reverse=True)
    best = []
    for matched in range(total, 0, -1):
        ceiling = sum(maxima[:matched]) * (matched / total) ** 2
        if len(best) == limit and ceiling * (1 + 1e-9) < -best[-1][0]:
            break
        if groups.get(matched):
            best = heapq.nsmallest(limit, best + list(_scored(groups[matched], contributions)))
    return [number for _key, number in best]


def run(query, index, *, exact=False, limit=MAX_RESULTS):
    concepts, term_pks, corrected = analyse(query, index, exact=exact)
    # Only concepts that the content knows count: a word it lacks ("zoon") must not empty the result.
    active = [c for c in concepts if any(s in index.vocabulary for s in c)]
    contributions = [_contributions(concept, index) for concept in active]
    # A single word that is in many documents: its best documents are kept with the index.
    top = None
    if len(active) == 1 and len(active[0]) == 1:
        [(stem_, weight)] = active[0].items()
        top = index.top.get(stem_) if weight == 1.0 else None
    hits = []
    for key, number in _scored(rank(contributions, limit, top), contributions):
        document = index.documents[number]
        hits.append(Hit(document.pk, document.title, document.slug, round(-key, 4)))
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
        "pk",
        "title",
        "slug",
        "answer",
        "search_words",
        "phase_id",
        "theme__name",
        "phase__order",
        "order",
        "phase__slug",
        "phase__name",
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
            "phase_slug": phase_slug,
            "phase_name": phase_name,
        }
        for pk, title, slug, answer, search_words, phase, theme, phase_order, order, phase_slug, phase_name in rows
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


def matcher(query_stems):
    """The test ``highlight`` uses; made once for all results of a search, it remembers every word."""
    return _matcher(query_stems)


def highlight(text, query_stems, length=220, *, plain=False, matches=None):
    """A piece of plain text around the first match, with the matched words marked.

    ``plain`` says the text has no tags and no runs of white space already (the index keeps
    answers that way); ``matches`` is a ``matcher()`` shared by the results of one search.
    """
    matches = matches or _matcher(query_stems)
    if not plain:
        text = " ".join(strip_tags(text).split())
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
