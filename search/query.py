"""What a visitor typed, parsed the same way whatever the database.

Words, "quoted phrases", -excluded words or phrases, and OR between alternatives; each term is made of
normalised words (see ``words``), so it matches what the index stores.
"""

import unicodedata
from dataclasses import dataclass

from .words import words

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


@dataclass(frozen=True)
class Term:
    words: tuple
    negated: bool = False

    @property
    def phrase(self):
        return " ".join(self.words)

    def websearch(self):
        # Always quoted: a lone "or" stays a word, and the words are plain letters and digits.
        return f'{"-" if self.negated else ""}"{self.phrase}"'


@dataclass(frozen=True)
class Query:
    """A parsed query: alternatives (OR) of terms that must all match (AND), excluded terms among them."""

    groups: tuple = ()

    def __bool__(self):
        return bool(self.groups)

    @property
    def positive_words(self):
        return {word for group in self.groups for term in group if not term.negated for word in term.words}

    @property
    def positive_terms(self):
        return list(dict.fromkeys(term for group in self.groups for term in group if not term.negated))

    @property
    def title_terms(self):
        """The words of the query as a title would store them, for the exact-title match."""
        return f" {' '.join(term.phrase for term in self.positive_terms)} "

    def websearch(self):
        return " or ".join(" ".join(term.websearch() for term in group) for group in self.groups)


def clean_query(raw):
    """The query as the visitor typed it, capped and with control characters removed (for the box)."""
    text = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in str(raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(text.split())


def _chunks(text):
    """(negated, text, quoted) for each piece of the query: a "quoted phrase" or a bare word, minus or not."""
    index, length = 0, len(text)
    while index < length:
        if text[index].isspace():
            index += 1
            continue
        negated = False
        while index < length and text[index] == "-":
            negated = True
            index += 1
        if index < length and text[index] == '"':
            end = text.find('"', index + 1)
            end = length if end == -1 else end
            yield negated, text[index + 1 : end], True
            index = end + 1
            continue
        end = index
        while end < length and not text[end].isspace() and text[end] != '"':
            end += 1
        yield negated, text[index:end], False
        index = end


def parse(raw):
    """The Query for what a visitor typed: never fails, whatever the input."""
    groups, group, count = [], [], 0
    for negated, chunk, quoted in _chunks(clean_query(raw)):
        if not quoted and not negated and chunk.casefold() == "or":
            groups.append(group)
            group = []
            continue
        found = tuple(words(chunk))
        if not found or count >= MAX_TERMS:
            continue
        term = Term(found, negated)
        if term not in group:
            group.append(term)
            count += 1
    groups.append(group)
    # An alternative made only of exclusions would match nearly everything: it is dropped.
    return Query(tuple(tuple(group) for group in groups if any(not term.negated for term in group)))
