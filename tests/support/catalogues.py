"""The project's own interface strings, read from its catalogues (``locale/``), so that a test can tell
whether a page shows them in the language it speaks."""

import ast
import functools
from html.parser import HTMLParser
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@functools.cache
def project_strings(directory):
    """``{msgid: msgstr}`` of the project's catalogue in ``locale/<directory>``: the strings without a
    context or a plural (a page shows those whole), with "" for the untranslated and the fuzzy ones."""
    entries, entry, key = {}, {}, None
    for line in (LOCALE / directory / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8").splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            continue  # comments, and obsolete entries ("#~")
        elif not line.strip():
            _keep(entry, entries)
            entry, key = {}, None
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)  # a continuation line
        else:
            key, _space, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    _keep(entry, entries)
    return entries


def _keep(entry, entries):
    if entry.get("msgid") and "msgctxt" not in entry and "msgid_plural" not in entry:
        entries[entry["msgid"]] = "" if entry.get("fuzzy") else entry.get("msgstr", "")


class _VisibleText(HTMLParser):
    """Each text node a person reads, and the attributes that are read out or shown as text."""

    SKIPPED = {"script", "style", "textarea", "pre"}  # code, and what was typed into fields
    READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skipping += 1
        attrs = dict(attrs)
        self.found += [value for name, value in attrs.items() if name in self.READ_ATTRIBUTES and value]
        if tag == "input" and attrs.get("type") == "submit" and attrs.get("value"):
            self.found.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.found.append(data)


def visible_texts(html):
    """The page's text nodes and read attributes, whitespace-folded."""
    parser = _VisibleText()
    parser.feed(html)
    return {" ".join(text.split()) for text in parser.found}


def untranslated_strings(html, directory, ignore=frozenset()):
    """The project's strings that ``html`` shows in English although it speaks the language of
    ``directory``: ``(shown in English although translated, not translated yet)``. ``ignore``: texts that
    are not the project's interface although they read the same (content, Django's own)."""
    strings = project_strings(directory)
    shown = {text for text in visible_texts(html) - ignore if text in strings and strings[text] != text}
    return sorted(text for text in shown if strings[text]), sorted(text for text in shown if not strings[text])
