"""Explain glossary terms where they first occur in an answer.

Only text between tags is touched, never text inside a link or a heading, and
each term is marked once. The mark-up is a link to the explanation lower on the
same page, described by it for screen readers, so it works without JavaScript.
"""

import re
import time

from django.core.cache import cache

TAG_RE = re.compile(r"(<[^>]+>)")
SKIP_INSIDE = {"a", "h2", "h3", "h4", "code"}


TERMS_VERSION_KEY = "glossary:version"
CACHE_SECONDS = 24 * 3600


def terms_changed(**kwargs):
    """A term was saved or deleted: every marked-up answer is made again when next shown."""
    cache.set(TERMS_VERSION_KEY, time.time_ns(), None)


def marked_answer(question):
    """``mark_terms`` for a question's answer, cached until the answer or any term changes.

    Marking up means loading every term and running a large pattern over the
    answer; both change seldom, so one result per answer version is kept.
    """
    from .models import Term

    version = cache.get(TERMS_VERSION_KEY, 0)
    key = f"glossary:{question.pk}:{question.updated_at.timestamp()}:{version}"
    found = cache.get(key)
    if found is None:
        found = mark_terms(question.answer, Term.objects.all())
        cache.set(key, found, CACHE_SECONDS)
    return found


def _pattern(terms):
    forms = {}
    for term in terms:
        for form in term.forms():
            forms.setdefault(form.lower(), term)
    if not forms:
        return None, forms
    # Longest first, so "passend onderwijs" wins from "onderwijs".
    alternatives = sorted(forms, key=len, reverse=True)
    pattern = r"(?<![\w-])(" + "|".join(re.escape(f) for f in alternatives) + r")(?![\w-])"
    return re.compile(pattern, re.IGNORECASE), forms


def mark_terms(html, terms):
    """Return the answer with first occurrences marked, and the terms used in order."""
    pattern, forms = _pattern(terms)
    if pattern is None:
        return html, []
    used = []
    skip_depth = 0
    out = []
    for part in TAG_RE.split(html):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in SKIP_INSIDE:
                skip_depth += -1 if part.startswith("</") else 1
                skip_depth = max(skip_depth, 0)
            out.append(part)
            continue
        if skip_depth or not part:
            out.append(part)
            continue

        def replace(match):
            term = forms[match.group(1).lower()]
            # Abbreviations (OPP, SO) only match in capitals: "so" is an ordinary word.
            if term.term.isupper() and match.group(1) != match.group(1).upper():
                return match.group(0)
            if term in used:
                return match.group(0)
            used.append(term)
            return (
                f'<a class="term" href="#begrip-{term.slug}" aria-describedby="uitleg-{term.slug}">'
                f"{match.group(0)}</a>"
            )

        out.append(pattern.sub(replace, part))
    return "".join(out), used
