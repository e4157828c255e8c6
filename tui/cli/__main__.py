"""`python -m tui.cli`: the lkjip command, as `lkjip` runs it."""

import sys

from tui.cli.main import main

sys.exit(main())
