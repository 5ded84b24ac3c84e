"""The plan screens' own styling, on top of resources/style.qss: the save
state, the bands above a plan, the SMART check, what a typed date is read as."""

PLAN_STYLE = """
QLabel#saveState { padding: 4px 10px; border-radius: 4px; color: #2d3e50; }
QLabel#saveState[state="saved"] { color: #1f4d2e; }
QLabel#saveState[state="saving"] { color: #4d5b6b; }
QLabel#saveState[state="local"], QLabel#saveState[state="refused"] {
    background: #fdf1d8; border: 1px solid #e2b65c; color: #5c3a00; }
QLabel#saveState[state="conflict"] { background: #fdeceb; border: 1px solid #e5a9a4; color: #8f1d16; }
QLabel#planBand {
    background: #eef3f8; border: 1px solid #c9d3de; border-radius: 4px; padding: 6px 10px; color: #2d3e50; }
QFrame#recoveredBand {
    background: #fdf1d8; border: 1px solid #e2b65c; border-left: 5px solid #c27c0e; border-radius: 3px; }
QLabel#recoveredTitle { font-weight: 600; color: #5c3a00; }
QLabel#recoveredText { color: #5c3a00; }
QFrame#smartPanel { background: #fdf3f2; border: 1px solid #e5a9a4; border-radius: 4px; }
QFrame#smartPanel[ready="true"] { background: #eef6f0; border-color: #a9cdb2; }
QLabel#smartSummary { font-weight: 600; color: #8f1d16; }
QLabel#smartSummary[ready="true"] { color: #1f4d2e; }
QListWidget#smartList { background: transparent; border: none; }
QListWidget#smartList::item {
    background: #ffffff; border: 1px solid #e5a9a4; border-left: 4px solid #b3261e; border-radius: 3px;
    color: #8f1d16; padding: 2px 6px; }
QListWidget#smartList::item:selected, QListWidget#smartList::item:hover { background: #fbe3e1; }
QPushButton#backButton { padding: 6px 12px; }
QLabel#dateNote {
    background: #ffffff; border: 1px solid #9fb3c8; border-radius: 3px; padding: 4px 8px; color: #2d3e50; }
QLabel#dateNote[error="true"] { background: #fdeceb; border-color: #b3261e; color: #8f1d16; font-weight: 600; }
"""
