"""``{% extends %}`` as Django's, but the root template's blocks are found once, not on every page.

Django's ``ExtendsNode.render`` walks every node of the root template (``base.html``) on
every render to list its blocks: about a tenth of a page's time once its pieces are kept
(oudersteunpunt/fragments.py). A compiled template does not change, so the list is kept
on it. Loaded for every template as a builtin (settings.TEMPLATES), after Django's own.
"""

from django import template
from django.template.base import TextNode
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockContext, BlockNode, ExtendsNode, do_extends

register = template.Library()


class RootBlocksKeptExtendsNode(ExtendsNode):
    def render(self, context):
        compiled_parent = self.get_parent(context)
        if BLOCK_CONTEXT_KEY not in context.render_context:
            context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = context.render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        root_blocks = root_blocks_of(compiled_parent)
        if root_blocks is not None:
            block_context.add_blocks(root_blocks)
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)


def root_blocks_of(compiled):
    """The blocks of ``compiled`` when it extends nothing (it is the root), else None; kept on it."""
    try:
        return compiled.osp_root_blocks
    except AttributeError:
        pass
    blocks = None
    for node in compiled.nodelist:
        # As Django's: the extends tag would be the first node that is not text.
        if not isinstance(node, TextNode):
            if not isinstance(node, ExtendsNode):
                blocks = {n.name: n for n in compiled.nodelist.get_nodes_by_type(BlockNode)}
            break
    compiled.osp_root_blocks = blocks
    return blocks


@register.tag("extends")
def extends(parser, token):
    node = do_extends(parser, token)
    return RootBlocksKeptExtendsNode(node.nodelist, node.parent_name)
