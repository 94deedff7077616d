"""Rich text staff write: the allowed formatting survives, anything dangerous never reaches a visitor,
and every rich-text field tells staff which formatting that is."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape

from bids.models import Call
from contact.models import HostCity
from core.richtext import ALLOWED_TAGS, FORMATTING, RichTextField, plain, render
from offices.models import HostingProgramme, Milestone, Office
from pages.models import Page
from programs.models import Programme, Session


def test_paragraphs_and_allowed_formatting_are_kept():
    html = render(
        "First paragraph with <strong>bold</strong> and <em>emphasis</em>.\n\n<h2>A heading</h2>\n\n"
        '<ul><li>one</li><li>two</li></ul>\n\nA <a href="https://example.org/">link</a>.'
    )
    assert "<p>First paragraph with <strong>bold</strong> and <em>emphasis</em>.</p>" in html
    assert "<h2>A heading</h2>" in html
    assert "<ul><li>one</li><li>two</li></ul>" in html
    assert '<a href="https://example.org/" rel="noopener">link</a>' in html


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt:alert(1)">click</a>',
        '<p onclick="alert(1)">text</p>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">text</p>',
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_scripts_event_handlers_and_javascript_urls_are_removed(dangerous):
    html = str(render(f"Before.\n\n{dangerous}\n\nAfter."))
    assert "alert" not in html
    assert "<script" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html.lower()
    assert "<iframe" not in html and "style=" not in html
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html


def test_plain_text_for_descriptions_has_no_markup():
    assert plain("<p>Smart <strong>cities</strong> &amp; e-Government</p><script>x()</script>") == (
        "Smart cities & e-Government"
    )


@pytest.mark.django_db
def test_a_pasted_script_in_a_section_page_never_reaches_a_visitor(client):
    page = Page.objects.get(key=Page.Key.OFFICES)
    page.body = 'Read this.\n\n<script>steal()</script><a href="javascript:steal()">here</a>'
    page.save()
    html = client.get(reverse("offices:list")).content.decode()
    assert "steal()" not in html
    assert "Read this." in html


# The field: its help text says what the sanitiser keeps ---------------------------------------------------

TEMPLATES = Path(settings.BASE_DIR) / "templates"
RENDERED_RICH = re.compile(r"\{\{\s*(\w+)\.(\w+)\|rich\s*\}\}")


def _model_of(template, variable):
    """The model a template's variable holds (the offices pages call the hosting programme ``programme``)."""
    if variable == "programme":
        return HostingProgramme if template.parent.name == "offices" else Programme
    return {
        "page": Page,
        "office": Office,
        "milestone": Milestone,
        "session": Session,
        "host_city": HostCity,
        "call": Call,
    }[variable]


def test_every_field_a_template_renders_as_rich_text_is_a_rich_text_field():
    rendered = set()
    for template in TEMPLATES.rglob("*.html"):
        for variable, name in RENDERED_RICH.findall(template.read_text(encoding="utf-8")):
            rendered.add((_model_of(template, variable), name))
    assert len(rendered) >= 13
    for model, name in rendered:
        assert isinstance(model._meta.get_field(name), RichTextField), f"{model.__name__}.{name}"
        # And its translations, which the admin shows too.
        assert isinstance(model._meta.get_field(f"{name}_ko"), RichTextField), f"{model.__name__}.{name}_ko"


def test_the_help_text_names_the_formatting_the_sanitiser_keeps():
    help_text = str(Office._meta.get_field("body").help_text)
    assert help_text == (
        "The editor offers the formatting the site keeps: headings, paragraphs, line breaks, lists, links, bold, "
        "italic, quotations."
    )
    assert {tag for _words, tags, _extensions in FORMATTING for tag in tags} == ALLOWED_TAGS


def test_a_field_keeps_its_own_help_text_first():
    help_text = str(HostingProgramme._meta.get_field("call").help_text)
    assert help_text.startswith("Where WeGO is looking to open new offices. The editor offers the formatting")


def test_the_help_text_is_in_the_staff_members_language():
    with translation.override("ko"):
        help_text = str(Page._meta.get_field("body").help_text)
    assert "제목, 문단, 줄바꿈, 목록, 링크" in help_text
    assert "The editor" not in help_text


def test_the_help_text_is_escaped_for_the_admin_which_prints_it_as_html():
    field = RichTextField("notes", help_text="Say <em>why</em> & how.")
    help_text = field.help_text
    assert str(help_text).startswith("Say &lt;em&gt;why&lt;/em&gt; &amp; how. The editor offers")
    assert conditional_escape(help_text) == str(help_text), "marked safe: not escaped twice"


def test_migrations_record_a_text_field_with_only_its_own_help_text():
    _name, path, _args, kwargs = Office._meta.get_field("body").deconstruct()
    assert (path, kwargs) == ("django.db.models.TextField", {"blank": True, "verbose_name": "body"})
    _name, path, _args, kwargs = HostingProgramme._meta.get_field("call").deconstruct()
    assert kwargs["help_text"] == "Where WeGO is looking to open new offices."


@pytest.mark.django_db
def test_the_admin_shows_the_help_text_as_text(admin_client):
    office = Office.objects.first()
    html = admin_client.get(reverse("admin:offices_office_change", args=[office.pk])).content.decode()
    assert "The editor offers the formatting the site keeps: headings, paragraphs, line breaks," in html
