"""Where the parts of the site plug into the core.

The core knows no part. Each part says everything it offers the core in one
module, ``<part>/contributions.py``, whose ``register()`` its ``AppConfig.ready()``
calls: its addresses, menu entries, blocks and cards on the home page, demo
content and users, sitemaps, the personal data it holds. Adding or removing a
part touches no core code (``tests/core/test_contract.py`` checks it).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(order=True)
class HomeBlock:
    order: int
    template: str = field(compare=False)
    get_context: Callable[[Any], dict] = field(compare=False, default=lambda request: {})


@dataclass(order=True)
class DemoLoader:
    order: int
    name: str = field(compare=False)
    load: Callable[..., None] = field(compare=False)


@dataclass
class PersonalDataProvider:
    """Finds, exports and erases what one part holds on an e-mail address.

    ``names`` gives the names stored with that address, so that places where a
    person is only mentioned in free text (``Mentions``) can be found too.
    """

    name: str
    export: Callable[[str], list[dict]]
    erase: Callable[[str], int]
    names: Callable[[str], list[str]] = lambda email: []


@dataclass
class Mentions:
    """Free text that may mention a person (the outbox, search words): found by address and names."""

    name: str
    export: Callable[[str, list[str]], list]
    erase: Callable[[str, list[str]], int]


@dataclass
class AdminTodo:
    """One line on the admin's start page: what, how many, and where to do it."""

    label: str
    url: str
    count: int | None = None
    # Something waits for someone (a count above zero is shown as a to-do).
    needs_action: bool = True


@dataclass
class CacheDependency:
    """Which public pages show a part's models, so a change renews only those pages.

    ``prefixes`` are addresses without the language prefix ("/agenda/"). A model
    in ``narrow`` renews only the addresses its function returns for the changed
    object (a sign-up: that event's page, the agenda and the home page) instead
    of every page of the part.
    """

    name: str
    models: tuple
    prefixes: tuple[str, ...]
    narrow: dict = field(default_factory=dict)


@dataclass(order=True)
class RelatedBlock:
    """A block one part shows on another part's page, beside that page's own content."""

    order: int
    template: str = field(compare=False)
    # ``get_context(request, obj)`` for the object of that page; a falsy result shows nothing.
    get_context: Callable[[Any, Any], dict | None] = field(compare=False)


@dataclass(order=True)
class MenuEntry:
    order: int
    label: Any = field(compare=False)
    url_name: str = field(compare=False)
    # Mark the entry as the current page on every address under its own.
    mark_current: bool = field(compare=False, default=False)


url_modules: list[str] = []
menu_entries: list[MenuEntry] = []
# Links under "Meer over ons" in the footer, after the site's own pages.
footer_links: list[MenuEntry] = []
# Named addresses the core's templates may offer when some part provides them:
# "search" (a GET form with ``q``) and "contact" (a way to reach a person).
links: dict[str, str] = {}
home_cards: list[tuple[int, str]] = []
demo_users: list[tuple] = []
home_blocks: list[HomeBlock] = []
demo_loaders: list[DemoLoader] = []
sitemaps: dict[str, Any] = {}
personal_data: list[PersonalDataProvider] = []
mentions: list[Mentions] = []
overview_providers: list[Callable] = []
jargon_providers: list[Callable] = []
robots_disallow: list[str] = []
personal_data_facts: list[Callable] = []
admin_todo_providers: list[tuple[int, Callable]] = []
cache_dependencies: list[CacheDependency] = []
related_blocks: dict[str, list[RelatedBlock]] = {}


def register_urls(module):
    """A part's URL module (``"<part>.urls"``) included at the site root, inside the language prefix."""
    url_modules.append(module)


def register_menu_entry(order, label, url_name, *, mark_current=False):
    menu_entries.append(MenuEntry(order, label, url_name, mark_current))
    menu_entries.sort()


def register_footer_link(order, label, url_name):
    """A link in the footer's "Meer over ons" list (a way to take part, a feed), after the site's own pages."""
    footer_links.append(MenuEntry(order, label, url_name))
    footer_links.sort()


def register_link(role, url_name):
    """``role`` is "search" or "contact": the core links to it on the header, 404 and login pages."""
    links[role] = url_name


def register_home_card(order, template):
    """A card in the "zo helpen we je" row of the home page."""
    home_cards.append((order, template))
    home_cards.sort()


def register_demo_users(*users):
    """``(e-mail, first name, role or None, staff?)``, created by ``load_demo`` before any demo content."""
    demo_users.extend(users)


def register_home_block(order, template, get_context=None):
    home_blocks.append(HomeBlock(order, template, get_context or (lambda request: {})))
    home_blocks.sort()


def register_demo_loader(order, name, load):
    demo_loaders.append(DemoLoader(order, name, load))
    demo_loaders.sort()


def register_sitemap(name, sitemap):
    sitemaps[name] = sitemap


def register_personal_data(name, *, export, erase, names=None):
    personal_data.append(PersonalDataProvider(name, export, erase, names or (lambda email: [])))


def register_mentions(name, *, export, erase):
    mentions.append(Mentions(name, export, erase))


def register_robots_disallow(*paths):
    """Addresses (without language prefix, e.g. ``"agenda/afmelden/"``) search engines should skip."""
    robots_disallow.extend(paths)


def register_personal_data_facts(facts):
    """``facts()`` returns ``privacy.DataFacts`` for the privacy page: what a form stores, why, how long."""
    personal_data_facts.append(facts)


def register_overview(provider):
    """``provider(since)`` returns ``overview.Series`` and ``overview.Ranking`` items."""
    overview_providers.append(provider)


def register_public_models(*models):
    """Models whose changes show on public pages: saving one renews every cached page."""
    register_cache_dependency("site", models=models, prefixes=("/",))


def register_cache_dependency(name, *, models, prefixes, narrow=None):
    """Models whose changes show on the pages under ``prefixes`` (and on the home page and sitemap)."""
    from .pagecache import connect

    dependency = CacheDependency(name, tuple(models), tuple(prefixes), narrow or {})
    cache_dependencies.append(dependency)
    connect(dependency)


def register_jargon(provider):
    """``provider()`` returns ``plainlanguage.Jargon`` items: words the Taalhulp wants explained."""
    jargon_providers.append(provider)


def jargon():
    return [item for provider in jargon_providers for item in provider()]


def register_admin_todos(order, provider):
    """``provider(request)`` returns the ``AdminTodo`` items this user may see.

    The provider checks the user's permissions itself: a count of personal data
    only for people who may open that list.
    """
    admin_todo_providers.append((order, provider))
    admin_todo_providers.sort(key=lambda item: item[0])


def register_related_block(place, order, template, get_context):
    """A block on the page called ``place`` of another part (``"phase"``: a phase page, given its phase).

    The page's part renders ``related_blocks_for(place, request, obj)`` and does not
    need to know which parts fill it, so either part can be taken out.
    """
    related_blocks.setdefault(place, []).append(RelatedBlock(order, template, get_context))
    related_blocks[place].sort()


def related_blocks_for(place, request, obj):
    """``[(template, context), ...]`` of the blocks registered for ``place`` that have something to show."""
    found = []
    for block in related_blocks.get(place, []):
        context = block.get_context(request, obj)
        if context:
            found.append((block.template, context))
    return found
