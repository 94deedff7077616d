"""Answering a query: the visible entries in the visitor's language that match it, best first.

Whatever the database matches and ranks with (see ``backends``), an entry whose whole title is the
query comes first.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import cached_property

from .backends import match
from .index import sources
from .models import SearchEntry
from .query import Query, parse


@dataclass
class Results:
    query: Query
    # Every match, and the matches of the kind asked for (the same without one).
    matches: models.QuerySet
    entries: models.QuerySet
    kind: str = ""

    @cached_property
    def counts(self):
        """Matches per kind: one query, which also gives the total (no COUNT of its own)."""
        return dict(self.matches.order_by().values_list("kind").annotate(count=models.Count("pk")))

    @property
    def total(self):
        """How many entries there are: of the kind asked for, or of every kind."""
        return self.counts.get(self.kind, 0) if self.kind else sum(self.counts.values())

    @property
    def kind_label(self):
        """The plural label of the kind asked for ("Regional Offices"); empty without one."""
        return sources()[self.kind].plural_label if self.kind else ""

    def facets(self):
        """(kind, plural label, count) for every kind with matches, in the order of the sources."""
        return [
            (kind, source.plural_label, self.counts[kind])
            for kind, source in sources().items()
            if self.counts.get(kind)
        ]


def search(raw_query, language, kind=None):
    """The visible entries in ``language`` matching ``raw_query``, best first (not evaluated yet)."""
    query = parse(raw_query)
    kind = kind if kind in sources() else ""
    # Only what a result shows: the word columns and the vector stay in the database.
    entries = SearchEntry.objects.visible().in_language(language).only("kind", "title", "text", "url")
    if not query:
        return Results(query, entries.none(), entries.none(), kind)
    matches = match(entries, query).annotate(
        exact=models.Case(
            models.When(title_terms=query.title_terms, then=models.Value(1)),
            default=models.Value(0),
            output_field=models.IntegerField(),
        )
    )
    matches = matches.order_by("-exact", "-rank", "title", "pk")
    return Results(query, matches, matches.filter(kind=kind) if kind else matches, kind)
