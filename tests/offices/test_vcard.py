import pytest

from core.vcard import VCard, escape_text, fold

pytestmark = pytest.mark.django_db


def unfold(text):
    return text.replace("\r\n ", "")


def test_text_values_are_escaped():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "NOTE:" + "Заместитель “председателя” правительства Ульяновской области " * 3
    folded = fold(line)
    physical = folded.split("\r\n")
    assert len(physical) > 1
    assert all(len(part.encode()) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert unfold(folded) == line


def test_a_short_line_is_not_folded():
    assert fold("FN:Kseniya Yarkova") == "FN:Kseniya Yarkova"


def test_a_card_has_version_first_crlf_lines_and_structured_org():
    card = (
        VCard("Svetlana Openysheva")
        .add_text("TITLE", "Secretary General")
        .add_structured("ORG", ["WeGO", "WeGO Europe Regional Office, Ulyanovsk Region"])
        .add_uri("TEL", "tel:+78422413359", value="uri", type="voice")
        .add_text("EMAIL", "")
        .serialise()
    )
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert card.endswith("END:VCARD\r\n")
    lines = unfold(card).split("\r\n")
    assert "FN:Svetlana Openysheva" in lines
    assert "ORG:WeGO;WeGO Europe Regional Office\\, Ulyanovsk Region" in lines
    assert "TEL;VALUE=uri;TYPE=voice:tel:+78422413359" in lines
    assert not any(line.startswith("EMAIL") for line in lines), "blank values are left out"


def test_the_vcard_of_a_seed_contact(client):
    response = client.get("/offices/europe-ulyanovsk-region/contacts/2.vcf")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="svetlana-openysheva.vcf"'
    lines = unfold(response.content.decode()).split("\r\n")
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:4.0", "FN:Svetlana Openysheva"]
    assert "TITLE:Secretary General" in lines
    assert "NOTE:First Deputy Chairman of the Government of the Ulyanovsk Region" in lines
    assert "TEL;VALUE=uri;TYPE=voice:tel:+78422413359" in lines
    assert "TEL;VALUE=uri;TYPE=fax:tel:+78422412894" in lines
    assert "URL:http://testserver/offices/europe-ulyanovsk-region/" in lines
    assert any(line.startswith("UID:urn:uuid:") for line in lines)
    assert not any(line.startswith("EMAIL") for line in lines)


def test_a_name_with_curly_quotes_survives(client):
    response = client.get("/offices/asia-chengdu/contacts/1.vcf")
    assert "FN:Mr. Wang “Charlie” Guangliang" in unfold(response.content.decode()).split("\r\n")
    assert response["Content-Disposition"] == 'attachment; filename="mr-wang-charlie-guangliang.vcf"'


@pytest.mark.parametrize(
    "path",
    [
        "/offices/asia-chengdu/contacts/2.vcf",  # a contact of another office
        "/offices/asia-chengdu/contacts/999.vcf",
        "/offices/no-such-office/contacts/1.vcf",
    ],
)
def test_a_card_is_only_found_under_its_own_office(client, path):
    assert client.get(path).status_code == 404
