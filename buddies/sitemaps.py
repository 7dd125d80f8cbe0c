from oudersteunpunt.sitemaps import ListSitemap


class BuddySitemap(ListSitemap):
    def lists(self):
        return [("buddies:index", None, 0, 0)]
