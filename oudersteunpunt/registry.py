"""Where the parts of the site plug into the core.

The core knows no part. Each part registers what it offers in its
``AppConfig.ready()``: a block on the home page, demo content, a sitemap, the
personal data it holds. Adding or removing a part touches no core code.
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


home_blocks: list[HomeBlock] = []
demo_loaders: list[DemoLoader] = []
sitemaps: dict[str, Any] = {}
personal_data: list[PersonalDataProvider] = []
mentions: list[Mentions] = []
overview_providers: list[Callable] = []


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


def register_overview(provider):
    """``provider(since)`` returns ``overview.Series`` and ``overview.Ranking`` items."""
    overview_providers.append(provider)


def register_public_models(*models):
    """Models whose changes show on public pages: saving one renews the page cache."""
    from .pagecache import connect

    connect(models)
