"""The import contract (pyproject.toml, run by `make lint`) covers every app of the project."""

import tomllib
from pathlib import Path

from core.discovery import project_apps

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def contract():
    return tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]


def test_every_app_of_the_project_is_in_the_contract():
    assert set(contract()["root_packages"]) == {config.name for config in project_apps()}


def test_core_is_the_bottom_layer_and_the_project_package_the_top():
    (layers,) = [c["layers"] for c in contract()["contracts"] if c["type"] == "layers"]
    assert layers[0] == "wego_site"
    assert layers[-1] == "core"
    middle = {name.strip() for layer in layers[1:-1] for name in layer.split(":")}
    assert middle == set(contract()["root_packages"]) - {"wego_site", "core"}


def test_the_content_apps_are_those_that_say_so():
    from core.discovery import content_apps, content_models

    labels = {config.label for config in content_apps()}
    assert labels == {"library", "pages", "offices", "programs", "testimonials", "contact", "bids"}
    labels = {model._meta.label_lower for model in content_models()}
    assert "offices.office" in labels
    assert "library.image" in labels  # shown on public pages, through the items that choose it
    assert "contact.contactmessage" not in labels  # a private record: no public page shows it
    assert "bids.call" in labels
    assert not labels & {"bids.bid", "bids.biddocument", "bids.bidaccess"}, "bids are private records"
