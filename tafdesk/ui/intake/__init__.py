"""The Intake area: 360° profiles waiting for a front-door decision or a
meeting, a case summary of each, the decisions themselves, import (by
dialog, by drag and drop and from a watched inbox folder) and manual entry
and correction of profiles. Everything goes through the intake services.

Only `inbox_watcher` is imported at start-up (it is cheap); the page and its
services are imported when the Intake area is first opened.
"""
