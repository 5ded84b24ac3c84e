"""The Meetings area and meeting mode: the weekly Locality Case Management
Group's agenda, attendance, decisions with live caseload balance, and minutes.

`page.build_meetings_page` makes the area's page; everything else here is
built from it when first needed.
"""
