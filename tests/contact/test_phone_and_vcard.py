import pytest

from contact.models import Secretariat
from core.phones import dial_numbers
from core.vcard import VCard, escape_text, fold


def test_a_range_becomes_one_dialable_number_per_line():
    numbers = dial_numbers("+82 (0)2 720 2934~7")
    assert [n.label for n in numbers] == ["+82 2 720 2934", "+82 2 720 2935", "+82 2 720 2936", "+82 2 720 2937"]
    assert [n.uri for n in numbers] == ["tel:+8227202934", "tel:+8227202935", "tel:+8227202936", "tel:+8227202937"]
    assert [n.tail for n in numbers] == ["2934", "2935", "2936", "2937"]


def test_a_single_number_drops_the_trunk_prefix():
    [number] = dial_numbers("+82 (0)2 720 2939")
    assert number.label == "+82 2 720 2939"
    assert number.uri == "tel:+8227202939"


@pytest.mark.parametrize(
    ("written", "uris"),
    [
        ("", []),
        ("ask at the desk", []),
        ("+82 2 720 2934~2", ["tel:+8227202934"]),  # a range that runs backwards is only its first number
        ("+82 2 720 2900~99", ["tel:+8227202900"]),  # 100 lines is a typo, not a switchboard
        ("+82 2 720 2934~12345", ["tel:+8227202934"]),
        ("+82 2 720 2934~36", ["tel:+8227202934", "tel:+8227202935", "tel:+8227202936"]),
        ("02-720-2934", ["tel:027202934"]),
        ("+7 (8422) 41-33-59", ["tel:+78422413359"]),
    ],
)
def test_odd_numbers(written, uris):
    assert [n.uri for n in dial_numbers(written)] == uris


def test_escape_protects_the_characters_vcard_uses():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_fold_keeps_lines_within_75_octets_without_splitting_characters():
    line = "NOTE:" + "서울" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part.removeprefix(" ") if i else part for i, part in enumerate(parts)) == line


def test_card_has_begin_end_and_crlf_lines():
    text = VCard("A; B", version="3.0").serialise()
    assert text == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\\; B\r\nEND:VCARD\r\n"


@pytest.mark.django_db
def test_secretariat_card():
    from contact.vcard import secretariat_vcard

    text = str(secretariat_vcard(Secretariat.objects.get(pk=1), url="https://example.org/"))
    text = text.replace("\r\n ", "")  # unfold
    lines = text.split("\r\n")
    assert "FN:WeGO Secretariat" in lines
    assert "ORG:WeGO Secretariat" in lines
    assert (
        "ADR;TYPE=WORK:;;Seoul Global Center 7th Floor\\, 38 Jongro\\, Jongno-gu;Seoul;;03188;Republic of Korea" in text
    )
    voice = [line for line in lines if line.startswith("TEL;TYPE=WORK,VOICE:")]
    assert voice == [f"TEL;TYPE=WORK,VOICE:+8227202{n}" for n in (934, 935, 936, 937)]
    assert "TEL;TYPE=WORK,FAX:+8227202939" in lines
    assert "GEO:37.570000;126.983300" in lines
    assert not any(line.startswith("EMAIL") for line in lines), "the seeds give no e-mail address"
