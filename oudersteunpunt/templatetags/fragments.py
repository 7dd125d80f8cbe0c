"""Template tags for pieces kept in memory (oudersteunpunt/fragments.py).

``{% form_fields form %}`` renders a form's fields (an empty form from memory).

``{% memo value value … %}…{% endmemo %}`` keeps what is between the tags under a
key made of the values given and the language: give every value the piece shows
(fields, counts, "is this in the past"), never a whole object, and nothing personal
or per response (no CSRF token, no form) inside. ``{% memo data_key %}`` keeps a piece
made from one reading of ``fragments.read`` alone; when the first value is ``None`` the
piece is rendered and not kept.
"""

from django import template

from oudersteunpunt import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def form_fields(context, form):
    return fragments.render_form_fields(context, form, "includes/_form_fields.html")


class MemoNode(template.Node):
    def __init__(self, nodelist, values, place):
        self.nodelist = nodelist
        self.values = values
        self.place = place

    def render(self, context):
        values = [value.resolve(context) for value in self.values]
        if values[0] is None:
            return self.nodelist.render(context)  # no key given (data read fresh): nothing kept
        key = f"memo:{fragments.key(self.place, *values)}"
        html = fragments.store.get(key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.store.set(key, html)
        return html


@register.tag
def memo(parser, token):
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not values:
        raise template.TemplateSyntaxError("{% memo %} needs the values the piece shows.")
    # Which memo of which template: a token's position is only known in debug mode, so they are
    # counted (two memos of one template with the same values must not share their HTML).
    parser.memo_count = getattr(parser, "memo_count", 0) + 1
    place = f"{parser.origin.name}:{parser.memo_count}"
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, values, place)
