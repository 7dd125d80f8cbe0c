"""Keeps search quality from quietly getting worse: the evaluation set must stay above a floor."""

import io

import pytest

from faq import demo, search
from faq.management.commands.search_eval import evaluate, load_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    demo.load(io.StringIO())
    cases = load_cases()
    assert len(cases) >= 60
    result, _misses = evaluate(cases, search.search_index())
    return result


def test_recall_at_three_stays_above_the_floor(figures):
    assert figures["all"]["recall3"] >= 0.9
    for kind, f in figures.items():
        assert f["recall3"] >= 0.75, kind


def test_few_queries_end_without_a_result(figures):
    assert figures["all"]["zero"] <= 0.05


def test_every_kind_of_query_is_in_the_set():
    kinds = {case["kind"] for case in load_cases()}
    assert kinds == {"keyword", "abbreviation", "sentence", "typo", "everyday", "english"}


def test_the_answers_exist_in_the_demo_content():
    demo.load(io.StringIO())
    from faq.models import Question

    slugs = set(Question.objects.values_list("slug", flat=True))
    for case in load_cases():
        assert set(case["answers"]) <= slugs, case["query"]
