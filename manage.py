#!/usr/bin/env python
"""Django's command-line utility. With nothing set, it uses the local defaults of ``make run``."""

import os
import sys
from pathlib import Path


def main():
    import environ

    # A .env file may choose the settings module too; real variables win.
    environ.Env.read_env(Path(__file__).resolve().parent / ".env", overwrite=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wego_site.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
