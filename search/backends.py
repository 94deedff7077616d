"""Matching and ranking a parsed query against the index, on PostgreSQL or on SQLite.

On PostgreSQL the query is handed to ``websearch_to_tsquery`` with the 'simple' configuration and
matched against the weighted vector (GIN-indexed, see migration wego_site 0004), ranked with
``ts_rank``. On SQLite (the embedded default) each word or phrase is matched as whole words in the
stored word list, and ranked by where it matched (title before names before body), with PostgreSQL's
default weights.
"""

from functools import reduce
from operator import and_, or_

from django.db import connection, models

# PostgreSQL's default weights for A, B and C, so both databases rank alike.
FIELD_WEIGHTS = (("title_terms", 1.0), ("names_terms", 0.4), ("body_terms", 0.2))


def vector():
    """The weighted full-text vector of an entry: title (A), names (B), body (C)."""
    from django.contrib.postgres.search import SearchVector

    # The same expression as the GIN index of migration wego_site 0004.
    return (
        SearchVector("title_terms", weight="A", config="simple")
        + SearchVector("names_terms", weight="B", config="simple")
        + SearchVector("body_terms", weight="C", config="simple")
    )


def match_postgresql(entries, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    search_query = SearchQuery(query.websearch(), search_type="websearch", config="simple")
    weighted = vector()
    return entries.alias(match=weighted).filter(match=search_query).annotate(rank=SearchRank(weighted, search_query))


def match_sqlite(entries, query):
    def contains(field, term):
        return models.Q(**{f"{field}__contains": f" {term.phrase} "})

    def matches(term):
        condition = contains("document", term)
        return ~condition if term.negated else condition

    condition = reduce(or_, (reduce(and_, (matches(term) for term in group)) for group in query.groups))
    rank = sum(
        (
            models.Case(models.When(contains(field, term), then=models.Value(weight)), default=models.Value(0.0))
            for term in query.positive_terms
            for field, weight in FIELD_WEIGHTS
        ),
        start=models.Value(0.0),
    )
    return entries.filter(condition).annotate(rank=models.ExpressionWrapper(rank, output_field=models.FloatField()))


def match(entries, query):
    """``entries`` that match ``query``, each annotated with its ``rank`` (higher is better)."""
    return (match_postgresql if connection.vendor == "postgresql" else match_sqlite)(entries, query)
