from django.db import IntegrityError, transaction
from django.db.models import F

from . import search
from .models import HelpfulVote, MissedSearch, Question


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
