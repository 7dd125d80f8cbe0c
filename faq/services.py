from django.db import IntegrityError, transaction
from django.db.models import F

from . import search
from .models import HelpfulVote, MissedSearch, Question, Synonym


@transaction.atomic
def question_record_feedback(*, question: Question, helpful: bool) -> None:
    HelpfulVote.objects.create(question=question, helpful=helpful)
    field = "helpful_yes" if helpful else "helpful_no"
    Question.objects.filter(pk=question.pk).update(**{field: F(field) + 1})


def missed_search_record(*, query: str) -> None:
    """Count a search without results by its words; nothing about who searched."""
    words = search.normalised_words(query)
    if not words:
        return
    updated = MissedSearch.objects.filter(words=words).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                MissedSearch.objects.create(words=words)
        except IntegrityError:  # somebody else searched the same words at the same moment
            MissedSearch.objects.filter(words=words).update(count=F("count") + 1)


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
