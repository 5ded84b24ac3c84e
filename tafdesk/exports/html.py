"""A light HTML rendering of a document, for the template editor's live
preview (Qt's rich text shows it). The posted letter is the PDF; this shows
the same blocks quickly while typing."""

from __future__ import annotations

import base64
from html import escape

from tafdesk.exports.document import (
    AddressBlock,
    Block,
    BulletList,
    Document,
    Heading,
    Image,
    Inline,
    LabelValues,
    PageBreak,
    Paragraph,
    SignatureBlock,
    Table,
    runs,
)

ACCENT = "#1d4f6e"


def render_html(document: Document) -> str:
    parts = ["<html><body style=\"font-family: 'Noto Sans', Arial, sans-serif; font-size: 11pt; color: #1a1a1a;\">"]
    head = document.letterhead
    if document.marking:
        parts.append(f'<p align="center" style="font-size: 8pt; font-weight: bold;">{escape(document.marking)}</p>')
    if head:
        lines = "<br/>".join(escape(line) for line in head.contact_lines())
        department = f"<br/>{escape(head.department)}" if head.department else ""
        logo = ""
        if head.logo_png:
            logo = f'<img src="data:image/png;base64,{base64.b64encode(head.logo_png).decode()}" height="60"/>'
        parts.append(
            f'<table width="100%"><tr><td>{logo}</td><td align="right"><span style="color: {ACCENT}; font-size: 13pt; '
            f'font-weight: bold;">{escape(head.organisation)}</span>{department}<br/>'
            f'<span style="font-size: 8pt; color: #555555;">{lines}</span></td></tr></table><hr/>'
        )
    parts += [_block(b) for b in document.blocks]
    if head and head.footer:
        parts.append(f'<hr/><p style="font-size: 8pt; color: #555555;">{escape(head.footer)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def _runs(content: Inline) -> str:
    out = []
    for run in runs(content):
        text = escape(run.text).replace("\n", "<br/>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _block(block: Block) -> str:
    match block:
        case Heading(text=text, level=level):
            size = {1: "15pt", 2: "12.5pt"}.get(level, "11pt")
            return f'<h{level} style="color: {ACCENT}; font-size: {size};">{escape(text)}</h{level}>'
        case Paragraph(content=content, style=style):
            small = ' style="font-size: 9pt; color: #555555;"' if style == "small" else ""
            return f"<p{small}>{_runs(content)}</p>"
        case BulletList(items=items):
            return "<ul>" + "".join(f"<li>{_runs(item)}</li>" for item in items) + "</ul>"
        case Table(header=header, rows=rows, caption=caption):
            head = "".join(
                f'<th align="left" style="background: {ACCENT}; color: white;">{escape(h)}</th>' for h in header
            )
            body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
            cap = f"<p><small>{escape(caption)}</small></p>" if caption else ""
            return f'{cap}<table border="1" cellspacing="0" cellpadding="4" width="100%"><tr>{head}</tr>{body}</table>'
        case LabelValues(pairs=pairs):
            cells = "".join(
                f'<tr><td style="color: #555555;"><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>' for k, v in pairs
            )
            return f'<table cellpadding="2">{cells}</table>'
        case AddressBlock(recipient=recipient, particulars=particulars):
            left = "<br/>".join(escape(line) for line in recipient)
            right = "<br/>".join(f"<b>{escape(k)}</b> {escape(v)}" for k, v in particulars)
            return f'<table width="100%"><tr><td>{left}</td><td align="right">{right}</td></tr></table><br/>'
        case SignatureBlock():
            lines = [escape(block.closing), "<br/><br/>", f"<b>{escape(block.name)}</b>"]
            lines += [escape(x) for x in (block.title, block.organisation) if x]
            lines += [f"<small>{escape(c)}</small>" for c in block.copies]
            return "<p>" + "<br/>".join(lines) + "</p>"
        case Image(png=png, description=description):
            data = base64.b64encode(png).decode()
            return f'<p><img src="data:image/png;base64,{data}" width="560" alt="{escape(description)}"/></p>'
        case PageBreak():
            return "<hr/>"
    return ""
