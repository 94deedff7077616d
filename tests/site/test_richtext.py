"""Rich text staff write: the allowed formatting survives, anything dangerous never reaches a visitor."""

import pytest
from django.urls import reverse

from core.richtext import plain, render
from pages.models import Page


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
