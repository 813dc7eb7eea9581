"""``python -m tui``: the ``tca-tui`` command, start-up included (see tui.startup).

``tca-tui serve`` starts each reader's app this way.
"""

import sys

from tui.startup import main

sys.exit(main())
