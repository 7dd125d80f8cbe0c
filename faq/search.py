"""Dutch search that gives the same answers on SQLite and PostgreSQL.

Words are folded (lower case, no accents) and stemmed with the Snowball Dutch
stemmer, plus one rule of our own so that *thuiszitter* and *thuiszitten* meet.
Questions store their stems; the database only narrows the candidates with a
plain ``LIKE``, and ranking happens here in Python, so both databases agree.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
WORD_RE = re.compile(r"[0-9a-z]+")
_stemmer = snowballstemmer.stemmer("dutch")


def fold(text):
    """Lower case without accents: 'Café' -> 'cafe'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=20_000)
def stem(word):
    result = _stemmer.stemWord(word)
    # Snowball keeps agent nouns (thuiszitter) apart from verbs (thuiszitten).
    if len(result) >= 8 and result.endswith("er"):
        result = result[:-2]
        if len(result) > 2 and result[-1] == result[-2]:
            result = result[:-1]
    return result


def words(text):
    return WORD_RE.findall(fold(text))


def stems(text):
    return [stem(word) for word in words(text) if len(word) > 1]


def index_text(text):
    """What a question stores: its stems, space-delimited on both sides."""
    return " " + " ".join(dict.fromkeys(stems(strip_tags(text)))) + " "


def parse_query(query):
    """The distinct stems of a query, cut to a sane length."""
    query = (query or "")[:MAX_QUERY_LENGTH]
    return list(dict.fromkeys(stems(query)))[:MAX_TERMS]


def normalised_words(query):
    return " ".join(sorted(set(words((query or "")[:MAX_QUERY_LENGTH]))))[:200]


def score(title_index, body_index, query_stems):
    """Titles count three times as much as answers; every word must be found."""
    total = 0
    for s in query_stems:
        key = " " + s
        if key in title_index:
            total += 3
        elif key in body_index:
            total += 1
        else:
            return 0
    return total


def highlight(text, query_stems, length=220):
    """A piece of plain text around the first match, with the matched words marked."""
    text = " ".join(strip_tags(text).split())
    tokens = re.split(r"(\w+)", text)
    first = None
    for i, token in enumerate(tokens):
        if token and token[0].isalnum() and any(stem(fold(token)).startswith(s) for s in query_stems):
            first = i
            break
    start_char = 0
    if first is not None:
        start_char = max(0, len("".join(tokens[:first])) - length // 3)
    if start_char:
        space = text.find(" ", start_char)
        start_char = space + 1 if space != -1 else start_char
    piece = text[start_char : start_char + length]
    parts = []
    for token in re.split(r"(\w+)", piece):
        if token and token[0].isalnum() and any(stem(fold(token)).startswith(s) for s in query_stems):
            parts.append(f"<mark>{escape(token)}</mark>")
        else:
            parts.append(escape(token))
    prefix = "… " if start_char else ""
    suffix = " …" if start_char + length < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece is escaped above
