import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import search
from .models import HelpfulVote, MissedSearch, Question, Synonym

PERSONAL_QUERY_RE = re.compile(r"@|\d[\d \-]{5,}\d")


@transaction.atomic
def question_record_feedback(*, question: Question, helpful: bool) -> None:
    HelpfulVote.objects.create(question=question, helpful=helpful)
    field = "helpful_yes" if helpful else "helpful_no"
    Question.objects.filter(pk=question.pk).update(**{field: F(field) + 1})


def missed_searches_purge(*, now=None) -> int:
    """Words not searched for ``MISSED_SEARCH_RETENTION_MONTHS`` go: they may hold a name."""
    return MissedSearch.objects.past_retention(now).delete()[0]


def missed_search_record(*, query: str) -> None:
    """Count a search without results by its words; nothing about who searched.

    An e-mail address or a phone number is not kept: it says who someone is, not
    what parents look for. A name cannot be told apart from other words; those
    go with ``MISSED_SEARCH_RETENTION_MONTHS`` or when that person is erased.
    """
    if PERSONAL_QUERY_RE.search(query or ""):
        return
    words = search.normalised_words(query)
    if not words:
        return
    # update() skips auto_now: last_seen is set here, the retention counts from it.
    bump = {"count": F("count") + 1, "last_seen": timezone.now()}
    updated = MissedSearch.objects.filter(words=words).update(**bump)
    if not updated:
        try:
            with transaction.atomic():
                MissedSearch.objects.create(words=words)
        except IntegrityError:  # somebody else searched the same words at the same moment
            MissedSearch.objects.filter(words=words).update(**bump)


@transaction.atomic
def missed_search_resolve(*, missed: MissedSearch, words: str, expansions: str = "", question: Question | None = None):
    """Close the gap behind a search without results: a synonym, or an extra search word on a question.

    The search index follows by itself: both change a row's ``updated_at``.
    """
    words = " ".join(words.split()).lower()
    if expansions:
        synonym = Synonym.objects.filter(phrase=words).first()
        if synonym is None:
            Synonym.objects.create(phrase=words, expansions=expansions)
        else:
            known = search.split_forms(synonym.expansions)
            synonym.expansions = ", ".join(dict.fromkeys([*known, *search.split_forms(expansions)]))
            synonym.save()
    if question is not None:
        known = search.split_forms(question.search_words)
        question.search_words = ", ".join(dict.fromkeys([*known, words]))[:300]
        question.save()
    missed.delete()
