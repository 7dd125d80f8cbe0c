"""Rich text written in the admin editor, sanitised on every save."""

from django_prose_editor.fields import ProseEditorField

# What volunteers may use in the editor; the sanitiser allows exactly this.
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "HardBreak": True,
    "History": True,
}


class RichTextField(ProseEditorField):
    """A ProseEditorField that cleans its HTML in ``pre_save`` too.

    The field's own ``clean`` only runs in model validation (the admin); code that
    saves a model directly (demo content, imports, the shell) is cleaned here.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
