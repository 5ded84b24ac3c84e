"""The plan screens' own styling, on top of resources/style.qss: the save
state, the bands above a plan, the SMART check, what a typed date is read as.
A template for theme.styled(): @role@ is that role's colour."""

PLAN_STYLE = """
QLabel#saveState { padding: 4px 10px; border-radius: 4px; color: @ink@; }
QLabel#saveState[state="saved"] { color: @ok.ink@; }
QLabel#saveState[state="saving"] { color: @muted@; }
QLabel#saveState[state="local"], QLabel#saveState[state="refused"] {
    background: @warn.tint@; border: 1px solid @warn.line@; color: @warn.ink@; }
QLabel#saveState[state="conflict"] { background: @error.tint@; border: 1px solid @error.line@; color: @error.ink@; }
QLabel#planBand {
    background: @panel@; border: 1px solid @rule@; border-radius: 4px; padding: 6px 10px; color: @ink@; }
QFrame#recoveredBand {
    background: @warn.tint@; border: 1px solid @warn.line@; border-left: 5px solid @warn.mark@; border-radius: 3px; }
QLabel#recoveredTitle { font-weight: 600; color: @warn.ink@; }
QLabel#recoveredText { color: @warn.ink@; }
QFrame#smartPanel { background: @error.tint@; border: 1px solid @error.line@; border-radius: 4px; }
QFrame#smartPanel[ready="true"] { background: @ok.tint@; border-color: @ok.line@; }
QLabel#smartSummary { font-weight: 600; color: @error.ink@; }
QLabel#smartSummary[ready="true"] { color: @ok.ink@; }
QListWidget#smartList { background: transparent; border: none; }
QListWidget#smartList::item {
    background: @base@; border: 1px solid @error.line@; border-left: 4px solid @error.mark@; border-radius: 3px;
    color: @error.ink@; padding: 2px 6px; }
QListWidget#smartList::item:selected, QListWidget#smartList::item:hover { background: @error.tint@; }
QPushButton#backButton { padding: 6px 12px; }
QLabel#dateNote {
    background: @base@; border: 1px solid @frame@; border-radius: 3px; padding: 4px 8px; color: @ink@; }
QLabel#dateNote[error="true"] {
    background: @error.tint@; border-color: @error.mark@; color: @error.ink@; font-weight: 600; }
"""
