"""Documents: TAF plans, meeting minutes and letters, as PDF and Word.

One pipeline: a builder (`builders/`) makes the document once as a neutral
structure (`document`), and a renderer turns it into PDF (`pdf`, reportlab)
or Word (`docx`, python-docx), or HTML for previews (`html`). Letters come
from templates (`template_text`) whose merge fields (`merge_fields`) are
filled from the recipient's redacted view (`redaction`).

Nothing here is imported at start-up; the renderers import their libraries
only when a document is made.
"""
