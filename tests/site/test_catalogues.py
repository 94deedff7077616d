"""makemessages leaves no new untranslated string: the catalogues keep up with the code."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIRS = ["ko", "ru", "es", "zh_Hans"]


def test_catalogues_are_complete_after_makemessages(tmp_path):
    """Running makemessages over the code adds no untranslated or fuzzy string to any catalogue."""
    copy = tmp_path / "site"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "var", "staticfiles", "__pycache__", "*.mo", "docs", ".*cache"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--ignore=tests",
            "--ignore=fixtures",
            "--no-obsolete",
            *[f"-l{d}" for d in LOCALE_DIRS],
        ],
        cwd=copy,
        env={"DJANGO_SETTINGS_MODULE": "wego_site.settings.test", "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        timeout=300,
    )
    problems = {}
    for directory in LOCALE_DIRS:
        po = copy / "locale" / directory / "LC_MESSAGES" / "django.po"
        for flag in ("--untranslated", "--only-fuzzy"):
            out = subprocess.run(
                ["msgattrib", flag, "--no-obsolete", str(po)], capture_output=True, text=True, check=True
            ).stdout
            entries = [block for block in out.split("\n\n") if "msgid " in block and "Project-Id-Version" not in block]
            if entries:
                problems[f"{directory} {flag}"] = [block.splitlines()[-2] for block in entries[:10]]
    assert not problems, f"run `make messages-update` and translate: {problems}"
