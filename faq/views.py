from dataclasses import dataclass
from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from oudersteunpunt import fragments, registry, sharing
from oudersteunpunt.fragments import read
from oudersteunpunt.models import SiteSettings
from oudersteunpunt.spam import client_address, is_rate_limited

from . import search
from .glossary import marked_answer
from .models import Phase, Question, Term
from .services import missed_search_record, question_record_feedback

MAX_RESULTS = 10  # the best ten; ranking makes a long tail of weak matches useless


@dataclass
class SearchResult:
    pk: int
    slug: str
    title: str
    url: str
    phase_name: str
    title_marked: str
    snippet: str


LIST_FIELDS = ("id", "title", "slug", "phase_id", "theme_id", "order")
# /vragen/ shows the first questions of each phase; the phase page has them all, in pages.
QUESTIONS_PER_PHASE_SHOWN = 5
QUESTIONS_PER_PAGE = 30
# The order of a phase page: by theme, questions without a theme last (on every database).
PHASE_ORDER = (F("theme__order").asc(nulls_last=True), "theme_id", "order", "title")


def published_questions():
    return Question.objects.published().only(*LIST_FIELDS)


def neighbours(items, current):
    """The items before and after ``current`` in an ordered list (none for an unpublished preview)."""
    if current not in items:
        return None, None
    index = items.index(current)
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following


class PhaseListView(TemplateView):
    template_name = "faq/phase_list.html"

    def get_context_data(self, **kwargs):
        # Read once per version of the faq's content (a window over every published question).
        data = read(["vragen"], "phase-list", self.phases)
        return super().get_context_data(phases=data.value, data_key=data.key, **kwargs)

    @staticmethod
    def phases():
        first = published_questions().order_by(*PHASE_ORDER)[:QUESTIONS_PER_PHASE_SHOWN]
        # Ordered explicitly: with a count (GROUP BY) Django leaves Meta.ordering out of the query.
        phases = (
            Phase.objects.annotate(question_count=Count("questions", filter=Q(questions__published=True)))
            .prefetch_related(Prefetch("questions", queryset=first, to_attr="first_questions"))
            .order_by(*Phase._meta.ordering)
        )
        phases = list(phases)
        for phase in phases:
            # What a phase's block shows of its questions: the block is kept in memory under it.
            phase.shown = [(q.slug, q.title) for q in phase.first_questions]
        return phases


def phase_detail(request, phase):
    try:
        number = int(request.GET.get("pagina", 1))
    except ValueError:
        raise Http404 from None
    # Read once per version of the faq's content; an unknown phase or page is a 404 and keeps nothing.
    data = read(["vragen"], f"phase:{phase}:{number}", lambda: phase_page(phase, number))
    phases, current, count, groups = data.value
    page = Page(
        [question for _theme, questions in groups for question in questions],
        number,
        Paginator(range(count), QUESTIONS_PER_PAGE),
    )
    previous, following = neighbours(phases, current)
    return render(
        request,
        "faq/phase_detail.html",
        {
            "phase": current,
            "groups": groups,
            "page_obj": page,
            "previous": previous,
            "next": following,
            "data_key": data.key,
            # What the list of this page shows: it is kept in memory under it (phase_detail.html).
            "shown": [
                (theme and (theme.pk, theme.name), [(q.slug, q.title) for q in questions])
                for theme, questions in groups
            ],
            # What other parts show beside the questions of this phase (the stories of parents).
            "related_blocks": registry.related_blocks_for("phase", request, current),
        },
    )


def phase_page(slug, number):
    phases = list(Phase.objects.all())
    current = next((p for p in phases if p.slug == slug), None)
    if current is None:
        raise Http404
    questions = published_questions().filter(phase=current).select_related("theme")
    questions = questions.only(*LIST_FIELDS, "theme__name", "theme__order").order_by(*PHASE_ORDER)
    paginator = Paginator(questions, QUESTIONS_PER_PAGE)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404 from error
    # The questions of this page under their theme; a theme cut by the page break goes on on the next page.
    groups = []
    for question in page.object_list:
        if not groups or groups[-1][0] != question.theme:
            groups.append((question.theme, []))
        groups[-1][1].append(question)
    return phases, current, paginator.count, groups


def question_jsonld(request, question, answer_text):
    """The question and its answer (FAQPage) and where it sits (BreadcrumbList, like the visible one)."""
    site = SiteSettings.load()
    trail = [
        (site.name, reverse("home")),
        (gettext("Vragen"), reverse("faq:index")),
        (question.phase.name, question.phase.get_absolute_url()),
        (question.title, question.get_absolute_url()),
    ]
    page = {
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.title,
                "acceptedAnswer": {"@type": "Answer", "text": answer_text},
            }
        ],
    }
    return {"@context": "https://schema.org", "@graph": [page, sharing.breadcrumb_list(request, trail)]}


def question_detail(request, phase, question):
    # The netwerkgroep previews an answer before it is published; nobody else sees it, and it is not kept.
    preview = request.user.has_perm("faq.view_question")
    if preview:
        context, data_key = question_context(phase, question, Question.objects.all()), None
    else:
        # Read once per version of the faq's content (answers, terms, the phase's order).
        data = read(
            ["vragen"],
            f"question:{phase}:{question}",
            lambda: question_context(phase, question, Question.objects.published()),
        )
        context, data_key = data.value, data.key
    # Per request: the address, the language and the site's name are in it.
    jsonld = question_jsonld(request, context["question"], context["answer_text"])
    feedback = request.GET.get("feedback")
    return render(
        request, "faq/question_detail.html", {**context, "jsonld": jsonld, "feedback": feedback, "data_key": data_key}
    )


def question_context(phase, slug, visible):
    question = get_object_or_404(visible.select_related("phase", "theme"), slug=slug, phase__slug=phase)
    # Only the numbers of the phase's questions, in the order of the phase page: a phase may hold thousands.
    siblings = published_questions().filter(phase=question.phase).order_by(*PHASE_ORDER)
    order = list(siblings.values_list("pk", flat=True))
    previous, following = neighbours(order, question.pk)
    by_pk = published_questions().in_bulk([pk for pk in (previous, following) if pk])
    answer, used_terms = marked_answer(question)
    related = question.related.filter(published=True).select_related("phase").only("title", "slug", "phase__slug")
    answer_text = sharing.plain_text(question.answer)
    return {
        "question": question,
        "answer": answer,
        "answer_text": answer_text,
        "summary": sharing.summary_of_text(answer_text),
        "used_terms": used_terms,
        "related": list(related),
        "previous": by_pk.get(previous),
        "next": by_pk.get(following),
    }


@require_POST
def question_feedback(request, phase, question):
    question = get_object_or_404(
        Question.objects.published().select_related("phase"), slug=question, phase__slug=phase
    )
    answer = request.POST.get("geholpen")
    if answer not in ("ja", "nee"):
        return redirect(question.get_absolute_url())
    if is_rate_limited(request, "feedback", "60/h"):
        return render(request, "429.html", status=429)
    # One vote per address per question per day; a second click is thanked, not counted.
    if cache.add(f"feedback:{question.pk}:{client_address(request)}", 1, 86400):
        question_record_feedback(question=question, helpful=answer == "ja")
    return redirect(f"{question.get_absolute_url()}?feedback={answer}#geholpen")


def search_view(request):
    raw = request.GET.get("q", "")
    query = " ".join(raw[: search.MAX_QUERY_LENGTH].split())
    exact = request.GET.get("precies") == "1"
    # Stop words alone ("te veel") may still name a synonym, so any real word is searched.
    meaningful = [w for w in search.words(query) if len(w) > 1]
    found, data_key = ([], [], "", []), None
    if meaningful:
        index = search.search_index()
        # The same words on the same content find the same: ranked and written once per process
        # (parents type the same few words), renewed with the index and any change to the questions.
        key = f"search:{fragments.key(index.fingerprint, fragments.part_versions(['vragen']), query, exact)}"
        data = fragments.remember(key, lambda: search_results(query, index, exact))
        found, data_key = data.value, data.key
    results, terms, corrected, suggestions = found
    missed = bool(meaningful) and not results and not terms
    if missed:
        missed_search_record(query=query)
    response = render(
        request,
        "faq/search.html",
        {
            "query": query,
            "too_short": bool(query) and not meaningful,
            "results": results,
            "terms": terms,
            "corrected": corrected,
            "suggestions": suggestions,
            "phase_list": Phase.objects.only("name", "slug", "order") if query and not results else [],
            "data_key": data_key,
        },
    )
    if missed:
        # Never served from the page cache, so every search without results is counted.
        patch_cache_control(response, private=True)
    return response


def search_results(query, index, exact):
    """(results, terms, the corrected query, suggestions) for ``query`` in ``index``."""
    results, suggestions = [], []
    outcome = search.run(query, index, exact=exact, limit=MAX_RESULTS)
    # Everything a result shows comes from the index, which follows every change (its fingerprint
    # was checked just now), so no query per search; the address is made once, the slugs filled in.
    address = reverse("faq:question", kwargs={"phase": "osp-phase-slot", "question": "osp-question-slot"})
    matches = search.matcher(outcome.stems)
    for hit in outcome.hits:
        document = index.documents_by_pk[hit.pk]
        results.append(
            SearchResult(
                pk=document.pk,
                slug=document.slug,
                title=document.title,
                url=address.replace("osp-phase-slot", quote(document.phase_slug)).replace(
                    "osp-question-slot", quote(document.slug)
                ),
                phase_name=document.phase_name,
                title_marked=search.highlight(document.title, outcome.stems, length=200, matches=matches),
                snippet=search.highlight(document.text, outcome.stems, plain=True, matches=matches),
            )
        )
    terms = [index.terms[pk] for pk in outcome.term_pks if pk in index.terms][:5]
    if not results and not terms:
        suggestions = search.suggestions(query, index)
    return results, terms, outcome.corrected, suggestions


class GlossaryView(TemplateView):
    template_name = "faq/glossary.html"

    def get_context_data(self, **kwargs):
        # The rendered list is kept under the reading of the terms (glossary.html).
        data = read(["vragen"], "glossary", self.letters)
        return super().get_context_data(letters=data.value, data_key=data.key, **kwargs)

    @staticmethod
    def letters():
        letters = {}
        for term in Term.objects.all():
            letters.setdefault(search.fold(term.term[0]).upper(), []).append(term)
        return sorted(letters.items())
