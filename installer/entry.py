"""The frozen program's entry point (PyInstaller runs this file as the
program's main script; installed from a wheel, tafdesk starts at
tafdesk.cli instead).

`multiprocessing.freeze_support()` comes first: the render workers and the
row writer are spawned as new runs of this same executable, and this call
turns such a run into the worker instead of a second tafdesk."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from tafdesk.cli import gui_main, main

    # The Windows build has a second, windowed executable (no console) for the Start menu.
    windowed = sys.executable.lower().endswith("tafdesk-gui.exe")
    sys.exit(gui_main() if windowed else main())
