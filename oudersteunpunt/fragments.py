"""Rendered pieces of pages, kept in each process's memory and keyed by what they show.

Django's template engine needs about a millisecond for an event card and more than
ten for a form with choices; most pages show the same pieces again and again. A
piece is kept under a hash of every value it shows (and the language), so a change
in the data makes a new key and the piece is rendered again: nothing needs to be
invalidated, and no visitor can get a piece made from other data than their own.
What differs per response (a form's signed start time) is filled in afterwards.

The memory is per process (no round trip, nothing shared between servers that could
be out of date after a release) and bounded: the least used pieces go first.
"""

import hashlib
import json
import secrets
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cache import Memory
from .pagecache import START_PLACEHOLDER, neutral_path, versions

store = Memory("osp-fragments", {"TIMEOUT": 3600, "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4}})


def key(*parts):
    """A hash of the language and the values; what JSON has no type for counts as its text (dates)."""
    text = json.dumps([get_language(), parts], default=_as_json, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _as_json(value):
    if isinstance(value, Promise):
        # Lazy text by its function and message, not translated: the language is in the key, and a
        # form's labels and choices would otherwise each be looked up in the catalogue per request.
        func, args, kwargs, *_result_classes = value.__reduce__()[1]
        return [f"{func.__module__}.{func.__qualname__}", args, kwargs]
    return str(value)


def part_versions(parts, paths=()):
    """The page cache's versions of these parts (and addresses), as one string: renewed by every change."""
    tags = [f"pagecache:part:{part}" for part in parts] + [f"pagecache:path:{neutral_path(p)}" for p in paths]
    return versions(tags)


class Read(NamedTuple):
    value: object
    # Names the data and its versions: a piece rendered from nothing but this data (and the
    # language) can be kept under it, ``{% memo data_key %}``, and is renewed with the data.
    key: str


def part_data(parts, name, compute, seconds=60, paths=()):
    """``read(…).value``: the data alone."""
    return read(parts, name, compute, seconds, paths).value


def read(parts, name, compute, seconds=60, paths=()):
    """``compute()`` once per version of these parts in this process: for data only they change.

    The versions are the page cache's (``registry.register_cache_dependency``): saving or
    deleting a registered model, and an admin list action, renews them on every server,
    so the next request reads the database again. ``seconds`` bounds how long a value can
    outlive a change this process cannot see (while Redis is down each process counts
    its own versions). ``paths`` adds the versions of these addresses, which a model
    registered as narrow renews (a sign-up: the agenda, that event and the home page).
    """
    return remember(f"data:{name}:{part_versions(parts, paths)}", compute, seconds)


def remember(key, compute, seconds=60):
    """``compute()`` once per ``key`` in this process (for ``seconds``), with the key of that reading."""
    entry = store.get(key)
    if entry is None:
        # Each reading gets its own mark: a piece kept under the key is renewed whenever the data is
        # read again, also after ``seconds`` with unchanged versions (Redis down).
        entry = (compute(), secrets.token_hex(8))
        store.set(key, entry, seconds)
    value, mark = entry
    return Read(value, f"{key}:{mark}")


def form_fingerprint(form):
    """Everything an empty form's fields show: labels, help, attributes, values and choices.

    Choices from the database stand in by their query and the cache version of the part
    that registered their model (``registry.register_cache_dependency``, the page cache's
    versions: one round trip for all); a model no part registers is read row by row.
    """
    parts = [type(form).__module__, type(form).__qualname__, form.prefix, form.auto_id, form.label_suffix]
    parts.append(form.use_required_attribute)
    tags = set()
    for bound in form:
        field, widget = bound.field, bound.field.widget
        queryset = getattr(field, "queryset", None)
        versioned = version_tags(queryset.model) if queryset is not None else []
        if versioned:
            tags.update(versioned)
            choices = [queryset.model._meta.label, repr(queryset.query.where), queryset.query.order_by]
            choices += [getattr(field, "empty_label", None), getattr(field, "to_field_name", None)]
        elif getattr(widget, "choices", None) is not None:
            # Iterated, not list(): that would count the rows first, one more query.
            choices = [choice for choice in widget.choices]  # noqa: C416
        else:
            choices = None
        parts.append(
            [
                bound.name,
                type(field).__qualname__,
                type(widget).__qualname__,
                widget.template_name,
                field.label,
                field.help_text,
                field.required,
                field.disabled,
                field.show_hidden_initial,
                field.localize,
                widget.attrs,
                None if is_start_time(field) else bound.value(),
                choices,
            ]
        )
    if tags:
        parts.append(versions(sorted(tags)))
    return key(*parts)


def version_tags(model):
    """The page-cache versions that change whenever a row of ``model`` is saved or deleted."""
    from . import registry

    dependencies = registry.cache_dependencies
    return [f"pagecache:part:{d.name}" for d in dependencies if model in d.models and model not in d.narrow]


def is_start_time(field):
    from .spam import StartTimeField

    return isinstance(field, StartTimeField)


def render_form_fields(context, form, template_name):
    """The fields of ``form`` as includes/_form_fields.html renders them; an empty form from memory."""
    template = context.template.engine.get_template(template_name)
    if form is None or form.is_bound or form.errors:
        with context.push(form=form):
            return template.render(context)
    # The start time differs per response: kept as a placeholder, filled in on the way out.
    start = next((str(b.value()) for b in form if is_start_time(b.field) and b.value()), None)
    fragment_key = f"form:{form_fingerprint(form)}"
    html = store.get(fragment_key)
    if html is None:
        with context.push(form=form):
            html = str(template.render(context))
        if start:
            html = html.replace(start, START_PLACEHOLDER)
        store.set(fragment_key, html)
    if start:
        html = html.replace(START_PLACEHOLDER, start)
    return mark_safe(html)  # rendered by the template engine, which escaped it
