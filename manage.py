#!/usr/bin/env python
"""Django's manage.py for developers; users run the `rightstrack` command instead."""

from rightstrack.cli import main

if __name__ == "__main__":
    main()
