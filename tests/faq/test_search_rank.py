"""The fast paths of the search ranking give exactly what scoring every document gives."""

import heapq
import random

import pytest

from faq import search


def brute_force(contributions, limit):
    """Every document scored the plain way (as search did before the fast paths)."""
    total = len(contributions)
    scores, matched = {}, {}
    for points in contributions:
        for n, value in points.items():
            scores[n] = scores.get(n, 0.0) + value
            matched[n] = matched.get(n, 0) + 1
    return [n for _key, n in heapq.nsmallest(limit, ((-v * (matched[n] / total) ** 2, n) for n, v in scores.items()))]


def random_contributions(rng, documents):
    """Concepts of very different sizes, with many equal points (copied answers) to test the ties."""
    contributions = []
    for _i in range(rng.randint(1, 6)):
        share = rng.choice([0.002, 0.01, 0.05, 0.3, 0.9, 1.0])
        levels = [rng.choice([0.00005, 0.3, 1.5, 6.0]) * rng.random() for _j in range(rng.randint(1, 4))]
        contributions.append(
            {n: rng.choice(levels) for n in range(documents) if rng.random() < share}
            or {rng.randrange(documents): 1.0}
        )
    return contributions


@pytest.mark.parametrize("seed_max", [search.SEED_MAX, 5])  # 5: the path for common concepts only
def test_rank_equals_scoring_every_document(monkeypatch, seed_max):
    monkeypatch.setattr(search, "SEED_MAX", seed_max)
    monkeypatch.setattr(search, "COMMON", 50)
    rng = random.Random(18)
    for _case in range(300):
        contributions = random_contributions(rng, rng.choice([30, 400, 2000]))
        for limit in (1, 10, 30):
            assert search.rank(contributions, limit) == brute_force(contributions, limit)


def test_the_kept_best_documents_of_a_common_word_are_its_best():
    rng = random.Random(7)
    points = {n: rng.choice([0.1, 0.2, 0.3]) for n in range(search.COMMON * 3)}
    top = [n for _key, n in search._best(points, search.MAX_RESULTS)]
    assert search.rank([points], 10, top) == brute_force([points], 10)


def test_typo_buckets_find_what_searching_all_words_finds():
    """Correcting by length buckets picks the same word as comparing against every known word."""
    from rapidfuzz import distance, process

    index = search.Index()
    words = ["ondersteuning", "ontwikkeling", "perspectief", "leerplicht", "zorgplicht", "duurt", "buurt", "klacht"]
    index.spellings = words
    index.spelling_rank = {w: i for i, w in enumerate(words)}
    for w in words:
        index.typo_choices.setdefault(len(w), []).append(w)
        index.typo_choices.setdefault((w[0], len(w)), []).append(w)

    def everything(word):
        limit = search.max_typo_distance(word)
        choices = words if len(word) >= 8 else [w for w in words if w[0] == word[0]]
        match = process.extractOne(word, choices, scorer=distance.OSA.distance, score_cutoff=limit)
        return match[0] if limit and match else None

    for typed in ["ondersteuing", "zorgplciht", "leerplict", "perspektief", "duurd", "kalcht", "bruut", "xyz"]:
        assert search.correct(typed, index) == everything(typed), typed
