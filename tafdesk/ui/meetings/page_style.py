"""Styles of the Meetings area's own pieces (the warning band, the title),
set on the page so that the shared stylesheet stays as it is."""

PAGE_STYLE = """
QLabel#quorumBand {
    background: #fdeceb;
    border: 1px solid #e5a9a4;
    border-left: 6px solid #a3231b;
    border-radius: 3px;
    padding: 8px 10px;
    color: #8f1d16;
}
QLabel#quorumBand[quorate="true"] {
    background: #e9f2ea;
    border-color: #a9cdb2;
    border-left-color: #2f7d4f;
    color: #1f4d2e;
}
QLabel#meetingTitle {
    font-size: 18pt;
    font-weight: 600;
    color: #17496b;
}
QLabel#meetingSubtitle {
    color: #4d5b6b;
}
QPushButton#startMeeting {
    background: #0b2e4a;
    color: #ffffff;
    border: 1px solid #0b2e4a;
    border-radius: 4px;
    padding: 6px 18px;
    font-weight: 600;
}
QPushButton#startMeeting:disabled {
    background: #a9bccc;
    border-color: #a9bccc;
}
"""
