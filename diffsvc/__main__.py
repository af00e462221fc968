"""``python -m diffsvc``: see diffsvc.cli."""

from __future__ import annotations

from diffsvc.cli import main

if __name__ == "__main__":
    main()
