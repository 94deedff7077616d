"""How text and queries become words: the same on SQLite and PostgreSQL, whatever the script."""

import pytest

from search.highlight import excerpt, highlight
from search.query import MAX_QUERY_LENGTH, MAX_TERMS, clean_query, parse
from search.words import words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Chengdu office", ["the", "chengdu", "office"]),
        ("Café São Paulo, Ñandú", ["cafe", "sao", "paulo", "nandu"]),
        ("e-Government & ICT", ["e", "government", "ict"]),
        ("서울에서 만나요", ["서울에서", "만나요"]),
        ("Москва, Ульяновск", ["москва", "ульяновск"]),
        ("成都代表处", ["成", "都", "代", "表", "处"]),
        ("WeGO成都office", ["wego", "成", "都", "office"]),
        ("ﬁve Ｆｕｌｌ ½", ["five", "full", "1", "2"]),
        ("snake_case 2017", ["snake", "case", "2017"]),
        ("", []),
        (None, []),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


def test_cyrillic_and_korean_letters_keep_their_marks():
    # Only Latin letters lose their accents: й is not и.
    assert words("Йошкар-Ола") == ["йошкар", "ола"]
    assert words("한국") == ["한국"]


def test_overlong_words_are_left_out():
    assert words("a" * 65 + " ok") == ["ok"]


def parsed(raw):
    return [[(term.phrase, term.negated) for term in group] for group in parse(raw).groups]


def test_plain_words_must_all_match():
    assert parsed("World Bank workshop") == [[("world", False), ("bank", False), ("workshop", False)]]


def test_quotes_make_a_phrase_and_a_minus_excludes():
    assert parsed('"smart city" -seoul') == [[("smart city", False), ("seoul", True)]]
    assert parsed('jeju -"joint workshop"') == [[("jeju", False), ("joint workshop", True)]]


def test_or_separates_alternatives():
    assert parsed("seoul or jeju workshop") == [[("seoul", False)], [("jeju", False), ("workshop", False)]]
    assert parsed('"black or white"') == [[("black or white", False)]]


def test_a_word_written_with_punctuation_is_a_phrase():
    assert parsed("e-government") == [[("e government", False)]]
    assert parsed("成都") == [[("成 都", False)]]


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "!!! ??? ...", '""', "- -- ---", "or", "or or", "-seoul", '-"x y"', "\x00\x01", None, "_"],
)
def test_queries_without_a_word_to_find_are_empty(raw):
    assert not parse(raw)


def test_an_alternative_of_exclusions_only_is_dropped():
    assert parsed("seoul or -jeju") == [[("seoul", False)]]


def test_long_queries_are_capped():
    query = parse("word " * 1000)
    assert len(clean_query("x" * 2000)) == MAX_QUERY_LENGTH
    assert sum(len(group) for group in query.groups) == 1  # repeated words count once
    many = parse(" ".join(f"w{number}" for number in range(100)))
    assert sum(len(group) for group in many.groups) == MAX_TERMS


def test_sql_and_markup_are_just_words():
    assert parsed("'; DROP TABLE wego_site_searchentry; --") == [
        [("drop", False), ("table", False), ("wego site searchentry", False)]
    ]
    assert parsed("<script>alert(1)</script>") == [[("script alert 1 script", False)]]


def test_the_postgresql_query_quotes_every_term():
    assert parse('seoul -"joint workshop" or jeju').websearch() == '"seoul" -"joint workshop" or "jeju"'


def test_control_characters_are_removed_from_what_the_box_shows():
    assert clean_query("chengdu\x00\n office\t") == "chengdu office"


def test_highlight_escapes_first_and_marks_whole_words():
    query = parse("seoul")
    html = highlight("<b>Seoul</b> & Seoulite", query)
    assert html == "&lt;b&gt;<mark>Seoul</mark>&lt;/b&gt; &amp; Seoulite"


def test_highlight_finds_accented_and_chinese_words():
    assert highlight("Café Ñandú", parse("cafe")) == "<mark>Café</mark> Ñandú"
    assert highlight("成都代表处", parse("成都")) == "<mark>成</mark><mark>都</mark>代表处"


def test_excerpt_is_taken_around_the_first_match():
    text = " ".join(f"word{number}" for number in range(200)) + " Chengdu " + " ".join("tail" for _ in range(100))
    snippet = excerpt(text, parse("chengdu"), size=20)
    assert "<mark>Chengdu</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet.split()) < 30


def test_excerpt_without_a_match_is_the_opening():
    assert excerpt("One two three", parse("four")) == "One two three"
    assert excerpt("", parse("four")) == ""
