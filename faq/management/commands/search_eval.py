"""`make search-eval`: how well search finds the right answer for the queries in faq/search_eval.json.

Run it on the demo content. For every kind of query it prints recall@3 (the share of queries
with a right answer in the top three), MRR (mean of 1 / rank of the first right answer) and the
share of queries without any result.
"""

import json
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand

from faq import search

EVAL_FILE = Path(__file__).resolve().parent.parent.parent / "search_eval.json"


def load_cases(path=EVAL_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def evaluate(cases, index):
    """Figures per kind and overall: {kind: {"n", "recall3", "mrr", "zero"}}, plus the misses."""
    sums = defaultdict(lambda: {"n": 0, "recall3": 0.0, "mrr": 0.0, "zero": 0.0})
    misses = []
    for case in cases:
        slugs = [hit.slug for hit in search.run(case["query"], index).hits]
        rank = next((i + 1 for i, slug in enumerate(slugs) if slug in case["answers"]), None)
        for kind in (case["kind"], "all"):
            figures = sums[kind]
            figures["n"] += 1
            figures["recall3"] += 1 if rank and rank <= 3 else 0
            figures["mrr"] += 1 / rank if rank else 0
            figures["zero"] += 0 if slugs else 1
        if not rank or rank > 3:
            misses.append((case["kind"], case["query"], slugs[:3]))
    result = {
        kind: {"n": f["n"], **{k: f[k] / f["n"] for k in ("recall3", "mrr", "zero")}} for kind, f in sums.items()
    }
    return result, misses


class Command(BaseCommand):
    help = "Prints recall@3, MRR and the share without results per kind of query (run on the demo content)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(EVAL_FILE))
        parser.add_argument("--markdown", action="store_true", help="Print a table for bench/results.md.")
        parser.add_argument("--misses", action="store_true", help="Also list the queries not answered in the top 3.")

    def handle(self, *args, **options):
        cases = load_cases(options["file"])
        figures, misses = evaluate(cases, search.search_index())
        kinds = sorted(k for k in figures if k != "all") + ["all"]
        if options["markdown"]:
            self.stdout.write("| kind | queries | recall@3 | MRR | without result |\n|---|---:|---:|---:|---:|")
            for kind in kinds:
                f = figures[kind]
                self.stdout.write(f"| {kind} | {f['n']} | {f['recall3']:.2f} | {f['mrr']:.2f} | {f['zero']:.0%} |")
        else:
            self.stdout.write(f"{'kind':<14}{'queries':>8}{'recall@3':>10}{'MRR':>7}{'no result':>11}")
            for kind in kinds:
                f = figures[kind]
                self.stdout.write(f"{kind:<14}{f['n']:>8}{f['recall3']:>10.2f}{f['mrr']:>7.2f}{f['zero']:>11.0%}")
        if options["misses"]:
            for kind, query, top in misses:
                self.stdout.write(f"miss [{kind}] {query!r}: {top}")
