from oudersteunpunt.sitemaps import ListSitemap


class ContactSitemap(ListSitemap):
    def lists(self):
        return [("contact:form", None, 0, 0), ("contact:join", None, 0, 0)]
