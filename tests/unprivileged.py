"""Running a command that file permissions apply to.

A permission fault cannot be staged for root, who reads and writes anything. When the tests run
as root (as CI does), such a command runs without the two capabilities that let root ignore
permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), through util-linux's `setpriv`; it keeps
root's uid, so it still owns every file the test made.
"""

from __future__ import annotations

import os
import shutil

_SETPRIV = [
    "setpriv",
    "--inh-caps=-all",
    "--bounding-set=-dac_override,-dac_read_search",
    "--",
]


def permissions_apply() -> bool:
    """Whether `subject_to_permissions` can make permissions bind here."""
    if os.name != "posix":
        return False
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


def subject_to_permissions(command: list[str]) -> list[str]:
    """`command`, run so that a file's permission bits bind it even when the tests are root."""
    return [*_SETPRIV, *command] if os.geteuid() == 0 else command
