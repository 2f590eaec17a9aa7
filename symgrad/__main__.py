"""``python -m symgrad`` is the ``symgrad`` command."""

import sys

from .cli.main import main

sys.exit(main())
