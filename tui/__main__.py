"""``python -m tui``: the ``tca-tui`` command, start-up included (see tui.cli.startup).

``tca-tui serve`` starts each reader's app this way.
"""

import sys

from tui.cli.startup import main

sys.exit(main())
