"""A test-only hook that ends the process at a named step, so the tests can prove a rerun finishes the job.

``TECHNONAT_DATA_RELEASE_STOP_AT="registry"`` sends SIGKILL to this process right after the step named ``registry``;
``"registry:SIGINT"`` sends another signal (a Ctrl-C). Unset (always, outside the tests), it does nothing.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "TECHNONAT_DATA_RELEASE_STOP_AT"


def checkpoint(step: str) -> None:
    """Signal this process if the hook names ``step``."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    name, _, signal_name = wanted.partition(":")
    if name == step:
        os.kill(os.getpid(), getattr(signal, signal_name or "SIGKILL"))
