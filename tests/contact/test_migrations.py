"""Messages written before the programme link: the names they hold are matched to programmes, or kept."""

from importlib import import_module

import pytest

from contact.models import HostCity

programme_link = import_module("contact.migrations.0002_contactmessage_programme")

PROGRAMMES = [
    (1, "Seoul Program", "seoul-program"),
    (3, "WeGO Regional Offices’ Programs", "regional-offices-programs"),
    (7, "Regional Offices Programs", "seoul"),
]


@pytest.mark.parametrize(
    ("written", "pk"),
    [
        ("Seoul Program", 1),
        ("  seoul   PROGRAM ", 1),
        ("seoul-program", 1),
        ("WeGO Regional Offices' Programs", 3),  # a straight apostrophe for the curly one
        ("wego regional offices’ programs", 3),
        ("Regional Offices Programs", 7),
        ("seoul", 7),  # a slug, when no programme has that name
        ("the one in Seoul", None),
        ("", None),
    ],
)
def test_names_written_in_messages_are_matched_to_programmes(written, pk):
    index = programme_link.programme_index(PROGRAMMES)
    assert index.get(programme_link.normalise(written)) == pk


def test_a_name_beats_another_programmes_slug():
    index = programme_link.programme_index([(1, "Other", "seoul-program"), (2, "Seoul-Program", "two")])
    assert index[programme_link.normalise("seoul-program")] == 2


def test_an_unmatched_name_is_kept_in_the_staff_notes():
    assert programme_link.with_note("", "Smart City School") == "Programme named on the form: Smart City School"
    assert programme_link.with_note("Called back.\n", "Smart City School") == (
        "Called back.\n\nProgramme named on the form: Smart City School"
    )


@pytest.mark.django_db
def test_the_seed_texts_are_the_english_translations():
    city = HostCity.objects.get(pk=1)
    assert city.solution_title_en == "The Seoul Solution"
    assert city.solution_title_ko is None
    assert city.areas.order_by("order").first().name_en == "e-Government"
