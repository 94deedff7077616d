"""Site search: the one module that builds the search index and answers queries.

The index
    One ``SearchEntry`` row per public object and language: offices, staff contacts (people),
    programmes, sessions, testimonials, hosting documents and section pages. Each row keeps the text
    in the visitor's language (modeltranslation falls back to English), split in three weights:
    the title (A), names, places, partners and topics (B) and the body (C). Words are normalised in
    Python (lower case, Latin accents removed, each Chinese character a word of its own) so that both
    databases see exactly the same words.

    Objects are indexed when they are published, with ``visible_from`` set to the latest publish-from
    date of what decides their visibility (a session and its programme, say): a scheduled item is
    indexed at once and found from its date on, with no job to run at that moment. Drafts are not
    indexed. Saving or deleting content (the admin, fixtures, the shell) re-indexes what it affects
    once the transaction commits; ``manage.py rebuild_search_index`` rebuilds everything.

Querying
    The query is parsed here, whatever the database: words, "quoted phrases", -excluded words or
    phrases, and OR between alternatives. On PostgreSQL it is handed to ``websearch_to_tsquery``
    with the 'simple' configuration and matched against the weighted vector (GIN-indexed, see
    migration 0004), ranked with ``ts_rank``. On SQLite (the embedded default) each word or phrase is
    matched as whole words in the stored word list, and ranked by where it matched (title before
    names before body), with PostgreSQL's default weights. Either way an entry whose whole title is
    the query comes first.
"""

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, reduce
from operator import and_, or_

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core import richtext
from core.publishing import PublicationStatus

from .models import SearchEntry, SearchKind

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# PostgreSQL ignores words over 2047 bytes; nobody searches for one this long either.
MAX_WORD_LENGTH = 64
MAX_TEXT_LENGTH = 20_000
BATCH_SIZE = 200

KIND_PLURALS = {
    SearchKind.OFFICE: _("Regional Offices"),
    SearchKind.PERSON: _("People"),
    SearchKind.PROGRAMME: _("Programmes"),
    SearchKind.SESSION: _("Sessions"),
    SearchKind.TESTIMONIAL: _("Testimonials"),
    SearchKind.DOCUMENT: _("Documents"),
    SearchKind.PAGE: _("Pages"),
}


# -- Words ---------------------------------------------------------------------------------------


def _is_word_char(char):
    # Letters, digits and combining marks (Hindi vowel signs, Korean jamo): what PostgreSQL's parser
    # keeps inside a word. Underscores and punctuation separate words.
    return unicodedata.category(char)[0] in "LNM"


def _is_han(char):
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or 0x3040 <= code <= 0x30FF  # kana, written without spaces too
    )


def _is_latin(char):
    code = ord(char)
    return code < 0x0250 or 0x1E00 <= code <= 0x1EFF


def _fold(word):
    """Lower case, compatibility forms unified, accents removed from Latin letters only.

    "Café" and "cafe" are one word; Korean syllables and Cyrillic letters (й, ё) keep their marks.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    kept = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and _is_latin(kept[-1]):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _spans(text):
    """(start, end) of every word of ``text``; Chinese and Japanese characters are words of one character."""
    start = None
    for index, char in enumerate(text):
        if _is_word_char(char) and not _is_han(char):
            if start is None:
                start = index
            continue
        if start is not None:
            yield start, index
            start = None
        if _is_han(char):
            yield index, index + 1
    if start is not None:
        yield start, len(text)


def _normalised(word):
    """The index words of one word of text: usually one, more when folding splits it ("½" is "1", "2")."""
    folded = _fold(word)
    return [folded[start:end] for start, end in _spans(folded) if end - start <= MAX_WORD_LENGTH]


def words(text):
    """The normalised words of ``text``, in order."""
    return [piece for start, end in _spans(text or "") for piece in _normalised(text[start:end])]


def _terms(*texts):
    found = [word for text in texts for word in words(text)]
    return f" {' '.join(found)} " if found else ""


# -- Queries -------------------------------------------------------------------------------------


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


def _vector():
    from django.contrib.postgres.search import SearchVector

    # The same expression as the GIN index of migration 0004.
    return (
        SearchVector("title_terms", weight="A", config="simple")
        + SearchVector("names_terms", weight="B", config="simple")
        + SearchVector("body_terms", weight="C", config="simple")
    )


def _match_postgresql(entries, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    search_query = SearchQuery(query.websearch(), search_type="websearch", config="simple")
    vector = _vector()
    return entries.alias(match=vector).filter(match=search_query).annotate(rank=SearchRank(vector, search_query))


# PostgreSQL's default weights for A, B and C, so both databases rank alike.
_FIELD_WEIGHTS = (("title_terms", 1.0), ("names_terms", 0.4), ("body_terms", 0.2))


def _match_sqlite(entries, query):
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
            for field, weight in _FIELD_WEIGHTS
        ),
        start=models.Value(0.0),
    )
    return entries.filter(condition).annotate(rank=models.ExpressionWrapper(rank, output_field=models.FloatField()))


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

    def facets(self):
        """(kind, label, count) for every kind with matches, in the order of SearchKind."""
        return [(kind, KIND_PLURALS[kind], self.counts[kind]) for kind in SearchKind if self.counts.get(kind)]


def search(raw_query, language, kind=None):
    """The visible entries in ``language`` matching ``raw_query``, best first (not evaluated yet)."""
    query = parse(raw_query)
    kind = kind if kind in SearchKind.values else ""
    # Only what a result shows: the word columns and the vector stay in the database.
    entries = SearchEntry.objects.visible().in_language(language).only("kind", "title", "text", "url")
    if not query:
        return Results(query, entries.none(), entries.none(), kind)
    match = _match_postgresql if connection.vendor == "postgresql" else _match_sqlite
    matches = match(entries, query).annotate(
        exact=models.Case(
            models.When(title_terms=query.title_terms, then=models.Value(1)),
            default=models.Value(0),
            output_field=models.IntegerField(),
        )
    )
    matches = matches.order_by("-exact", "-rank", "title", "pk")
    return Results(query, matches, matches.filter(kind=kind) if kind else matches, kind)


def highlight(text, query):
    """``text`` escaped, with the words of the query wrapped in <mark>."""
    wanted = query.positive_words
    parts, position = [], 0
    for start, end in _spans(text):
        if any(word in wanted for word in _normalised(text[start:end])):
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def excerpt(text, query, size=32):
    """About ``size`` words of ``text`` around the first match, highlighted; the opening words without one."""
    spans = list(_spans(text))
    if not spans:
        return ""
    wanted = query.positive_words
    first = next(
        (i for i, (start, end) in enumerate(spans) if any(w in wanted for w in _normalised(text[start:end]))), 0
    )
    begin = max(0, min(first - size // 4, len(spans) - size))
    stop = min(len(spans), begin + size)
    start = 0 if begin == 0 else spans[begin][0]
    end = len(text) if stop == len(spans) else spans[stop - 1][1]
    snippet = highlight(text[start:end], query)
    return mark_safe(("… " if start else "") + snippet + (" …" if end < len(text) else ""))  # noqa: S308


# -- What is indexed -----------------------------------------------------------------------------


def _ids(queryset):
    return list(queryset.values_list("pk", flat=True))


class Source:
    """How one model is indexed: which rows, what text, and which changes elsewhere affect it."""

    kind = None
    model_label = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def rows(self):
        """Every row that might be indexed, with what building its entry needs fetched in advance."""
        return self.model.objects.all()

    def public(self):
        """What visitors see now, by the model's own verbs: the index must agree with it."""
        return self.model.objects.published()

    def chain(self, obj):
        """The publishable objects whose status decides whether ``obj`` is public."""
        return [obj]

    def entry(self, obj):
        """title, names, body, text and url of ``obj`` in the active language."""
        raise NotImplementedError

    def watches(self):
        """{model label: function(instance) -> pks of this source to re-index when that instance changes}."""
        return {self.model_label: lambda instance: [instance.pk]}


class OfficeSource(Source):
    kind = SearchKind.OFFICE
    model_label = "offices.Office"

    def rows(self):
        from offices.models import Milestone

        return self.model.objects.prefetch_related(
            models.Prefetch("milestones", queryset=Milestone.objects.published(), to_attr="public_milestones")
        )

    def entry(self, office):
        milestones = [f"{m.title} {richtext.plain(m.description)}" for m in office.public_milestones]
        return {
            "title": office.name,
            "names": [office.region, office.host_city, office.country, office.launch_event, office.launch_place],
            "body": [office.summary, richtext.plain(office.body), *milestones],
            "url": office.get_absolute_url(),
        }

    def watches(self):
        return {**super().watches(), "offices.milestone": lambda milestone: [milestone.office_id]}


class PersonSource(Source):
    kind = SearchKind.PERSON
    model_label = "offices.StaffContact"

    def rows(self):
        return self.model.objects.select_related("office")

    def chain(self, contact):
        return [contact, contact.office]

    def entry(self, contact):
        office = contact.office
        return {
            "title": contact.name,
            "names": [contact.position, contact.affiliation, office.name, office.host_city, office.country],
            "body": [],
            "text": " · ".join(part for part in (contact.position, contact.affiliation, office.name) if part),
            "url": f"{office.get_absolute_url()}#contact-{contact.pk}",
        }

    def watches(self):
        return {
            **super().watches(),
            "offices.office": lambda office: _ids(self.model.objects.filter(office_id=office.pk)),
        }


class ProgrammeSource(Source):
    kind = SearchKind.PROGRAMME
    model_label = "programs.Programme"

    def rows(self):
        from offices.models import Office

        return self.model.objects.prefetch_related(
            "partners", models.Prefetch("offices", queryset=Office.objects.published(), to_attr="public_offices")
        )

    def entry(self, programme):
        partners = [f"{partner.name} {partner.short_name}" for partner in programme.partners.all()]
        offices = [f"{office.name} {office.host_city}" for office in programme.public_offices]
        return {
            "title": programme.name,
            "names": [programme.get_kind_display(), *partners, *offices],
            "body": [programme.summary, richtext.plain(programme.body)],
            "url": programme.get_absolute_url(),
        }

    def watches(self):
        return {
            **super().watches(),
            "programs.partnerorganisation": lambda partner: _ids(self.model.objects.filter(partners=partner)),
            "offices.office": lambda office: _ids(self.model.objects.filter(offices=office)),
        }


class SessionSource(Source):
    kind = SearchKind.SESSION
    model_label = "programs.Session"

    def rows(self):
        return self.model.objects.select_related("programme").prefetch_related(
            "topics", "technical_tours", "contacts", "cities", "programme__partners"
        )

    def chain(self, session):
        return [session, session.programme]

    def entry(self, session):
        programme = session.programme
        cities = [f"{city.name} {city.country}" for city in session.cities.all()]
        partners = [f"{partner.name} {partner.short_name}" for partner in programme.partners.all()]
        return {
            "title": session.title,
            "names": [
                programme.name,
                session.place,
                *cities,
                *(topic.name for topic in session.topics.all()),
                *(tour.name for tour in session.technical_tours.all()),
                *(contact.name for contact in session.contacts.all()),
                *partners,
            ],
            "body": [session.date_range, richtext.plain(session.description), session.application_period],
            "url": session.get_absolute_url(),
        }

    def watches(self):
        sessions = self.model.objects
        return {
            **super().watches(),
            "programs.programme": lambda programme: _ids(sessions.filter(programme_id=programme.pk)),
            "programs.topic": lambda topic: [topic.session_id],
            "programs.technicaltour": lambda tour: [tour.session_id],
            "programs.sessioncontact": lambda contact: [contact.session_id],
            "programs.city": lambda city: _ids(sessions.filter(cities=city)),
            "programs.partnerorganisation": lambda partner: _ids(sessions.filter(programme__partners=partner)),
        }


class TestimonialSource(Source):
    kind = SearchKind.TESTIMONIAL
    model_label = "testimonials.Testimonial"

    def rows(self):
        return self.model.objects.select_related("session__programme")

    def chain(self, testimonial):
        session = testimonial.session
        return [testimonial] if session is None else [testimonial, session, session.programme]

    def entry(self, testimonial):
        session = testimonial.session
        return {
            "title": testimonial.full_name,
            "names": [
                testimonial.position,
                testimonial.organisation,
                testimonial.city,
                testimonial.country,
                testimonial.on_behalf_of,
                session.title if session else "",
                session.programme.name if session else "",
            ],
            "body": [testimonial.quote],
            "url": testimonial.get_absolute_url(),
        }

    def watches(self):
        testimonials = self.model.objects
        return {
            **super().watches(),
            "programs.session": lambda session: _ids(testimonials.filter(session_id=session.pk)),
            "programs.programme": lambda programme: _ids(testimonials.filter(session__programme_id=programme.pk)),
        }


class DocumentSource(Source):
    kind = SearchKind.DOCUMENT
    model_label = "offices.HostingDocument"

    def entry(self, document):
        return {
            "title": document.title,
            "names": [document.language_name, document.type_label],
            "body": [document.description],
            "url": document.get_absolute_url(),
        }


class PageSource(Source):
    """The section pages; the host city and contact pages also carry what they show of the Secretariat."""

    kind = SearchKind.PAGE
    model_label = "pages.Page"

    def _extra(self, page):
        from contact.models import HostCity, Secretariat

        if page.key == page.Key.HOST_CITY:
            city = HostCity.objects.published().prefetch_related("areas").order_by("pk").first()
            if city is None:
                return [], []
            names = [city.name, city.solution_title, city.sharing_title, *(area.name for area in city.areas.all())]
            return names, [
                richtext.plain(city.record),
                richtext.plain(city.solution_body),
                richtext.plain(city.sharing_text),
            ]
        if page.key == page.Key.CONTACT:
            secretariat = Secretariat.objects.order_by("pk").first()
            if secretariat is None:
                return [], []
            return [secretariat.name, *secretariat.address_lines], []
        return [], []

    def entry(self, page):
        names, body = self._extra(page)
        return {
            "title": page.title,
            "names": names,
            "body": [page.introduction, richtext.plain(page.body), *body],
            "url": page.get_absolute_url(),
        }

    def watches(self):
        pages = self.model.objects
        host_city = lambda instance: _ids(pages.filter(key=self.model.Key.HOST_CITY))  # noqa: E731
        return {
            **super().watches(),
            "contact.hostcity": host_city,
            "contact.solutionarea": host_city,
            "contact.secretariat": lambda instance: _ids(pages.filter(key=self.model.Key.CONTACT)),
        }


SOURCES = {
    source.kind: source
    for source in (
        OfficeSource(),
        PersonSource(),
        ProgrammeSource(),
        SessionSource(),
        TestimonialSource(),
        DocumentSource(),
        PageSource(),
    )
}


# -- Building entries ----------------------------------------------------------------------------


def release_time(chain):
    """(public, visible_from) for a chain of publishable objects: drafts are never public."""
    if any(item.publication_status != PublicationStatus.PUBLISHED for item in chain):
        return False, None
    dates = [item.publish_from for item in chain if item.publish_from]
    return True, max(dates) if dates else None


def _build(source, objects, content_type):
    entries = []
    for obj in objects:
        public, visible_from = release_time(source.chain(obj))
        if not public:
            continue
        for language, _name in settings.LANGUAGES:
            with override(language):
                data = source.entry(obj)
                title = " ".join(str(data["title"] or "").split())[:300]
                names = [str(name) for name in data["names"] if name]
                body = [str(part) for part in data["body"] if part]
                text = data.get("text") or " ".join(" ".join(body).split())
                entries.append(
                    SearchEntry(
                        content_type=content_type,
                        object_id=obj.pk,
                        language=language,
                        kind=source.kind,
                        title=title,
                        text=text[:MAX_TEXT_LENGTH],
                        url=str(data["url"]),
                        visible_from=visible_from,
                        title_terms=_terms(title),
                        names_terms=_terms(*names),
                        body_terms=_terms(*body),
                        document=_terms(title, *names, *body),
                    )
                )
    return entries


def reindex(kind, pks):
    """Bring the entries of these objects up to date: re-written if public or scheduled, removed if not."""
    source = SOURCES[kind]
    content_type = ContentType.objects.get_for_model(source.model)
    pks = sorted(set(pks))
    for offset in range(0, len(pks), BATCH_SIZE):
        batch = pks[offset : offset + BATCH_SIZE]
        entries = _build(source, source.rows().filter(pk__in=batch), content_type)
        with transaction.atomic():
            SearchEntry.objects.filter(content_type=content_type, object_id__in=batch).delete()
            SearchEntry.objects.bulk_create(entries)


def rebuild():
    """Rebuild the whole index; returns the number of entries written."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for kind, source in SOURCES.items():
            reindex(kind, _ids(source.model.objects))
    return SearchEntry.objects.count()


# -- Keeping the index current -------------------------------------------------------------------

_pending = threading.local()


def _pending_pks():
    if not hasattr(_pending, "pks"):
        _pending.pks = {}
    return _pending.pks


@cache
def _watchers():
    table = {}
    for kind, source in SOURCES.items():
        for label, affected in source.watches().items():
            table.setdefault(label.lower(), []).append((kind, affected))
    return table


def flush():
    """Re-index everything marked since the last flush (runs once the saving transaction commits)."""
    pending = _pending_pks()
    while pending:
        kind, pks = pending.popitem()
        reindex(kind, pks)


def _mark(instance):
    watchers = _watchers().get(instance._meta.label_lower)
    if not watchers:
        return
    pending = _pending_pks()
    for kind, affected in watchers:
        pks = [pk for pk in affected(instance) if pk is not None]
        if pks:
            pending.setdefault(kind, set()).update(pks)
    # Each change registers a flush; the first one after the commit does the work for all of them.
    # A rolled-back change is re-indexed too at the next flush, from what the database then holds.
    transaction.on_commit(flush, robust=True)


def _saved_or_deleted(sender, instance, **kwargs):
    _mark(instance)


def _relations_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("pre_clear", "post_clear", "post_add", "post_remove"):
        return
    _mark(instance)
    if pk_set and model._meta.label_lower in _watchers():
        for other in model.objects.filter(pk__in=pk_set):
            _mark(other)


def connect_signals():
    """Called once from WegoSiteConfig.ready(): only for the models some page's entry shows, so that
    other models (the index itself) keep Django's fast, signal-free bulk delete."""
    for label in _watchers():
        model = apps.get_model(label)
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-save-{label}")
        # Before the delete: what the row is related to (a city's sessions) is still there to be found.
        pre_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-delete-{label}")
    m2m_changed.connect(_relations_changed, dispatch_uid="search-m2m")
