"""Styles of the Meetings area's own pieces (the warning band, the title),
set on the page so that the shared stylesheet stays as it is. A template
for theme.styled(): @role@ is that role's colour."""

PAGE_STYLE = """
QLabel#quorumBand {
    background: @error.tint@;
    border: 1px solid @error.line@;
    border-left: 6px solid @error.mark@;
    border-radius: 3px;
    padding: 8px 10px;
    color: @error.ink@;
}
QLabel#quorumBand[quorate="true"] {
    background: @ok.tint@;
    border-color: @ok.line@;
    border-left-color: @ok.mark@;
    color: @ok.ink@;
}
QLabel#meetingTitle {
    font-size: 18pt;
    font-weight: 600;
    color: @heading@;
}
QLabel#meetingSubtitle {
    color: @muted@;
}
QPushButton#startMeeting {
    background: @strong@;
    color: @strong_ink@;
    border: 1px solid @strong_line@;
    border-radius: 4px;
    padding: 6px 18px;
    font-weight: 600;
}
QPushButton#startMeeting:disabled {
    background: @accent_off@;
    border-color: @accent_off@;
    color: @accent_off_ink@;
}
"""
