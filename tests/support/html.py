"""Read the HTML the site sends, the way a test needs to."""

import functools
import json
import re
from html.parser import HTMLParser

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs)
        self.text_by_tag = {}
        self._open = []

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:  # void elements never close: text must not pile up in them
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                name, text = self._open.pop(index)
                self.text_by_tag.setdefault(name, []).append(" ".join(text.split()))
                if self._open:  # the parent passes it on when it closes in turn
                    self._open[-1][1] += " " + text
                return

    def handle_data(self, data):
        if self._open:
            self._open[-1][1] += data


def html_of(response):
    """The page of a response that must have answered 200."""
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def parse(html):
    """The page's tags and texts; read them, do not change them (a page is parsed once, then shared)."""
    return _parse(html if isinstance(html, str) else html.decode())


@functools.lru_cache(maxsize=256)
def _parse(html):
    # Tests ask one page for a dozen tags and metas, and the sweeps do so for every page of the sitemap.
    collector = _Collector()
    collector.feed(html)
    return collector


def texts(html, tag):
    """The whitespace-folded text of every ``tag`` element."""
    return parse(html).text_by_tag.get(tag, [])


def elements(html, tag, **attrs):
    """The attribute dicts of every ``tag`` element having all of ``attrs``."""
    return [a for t, a in parse(html).tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def meta(html, name):
    found = elements(html, "meta", name=name) or elements(html, "meta", property=name)
    return found[0].get("content") if found else None


def input_value(html, name):
    """The value of the (usually hidden) input called ``name``: a form's CSRF token, its fill timer."""
    fields = elements(html, "input", name=name)
    assert fields, f"no input called {name}"
    return fields[0]["value"]


def view_on_site_href(html):
    """Where an admin change form's "View on site" button leads."""
    [link] = elements(html, "a", **{"class": "viewsitelink"})
    return link["href"]


def json_ld(html):
    """Every JSON-LD object of a page, parsed."""
    return [json.loads(payload) for payload in JSON_LD.findall(html)]


def of_type(html, schema_type):
    return [item for item in json_ld(html) if item.get("@type") == schema_type]
