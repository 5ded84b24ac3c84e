"""Builders: each makes one kind of document as the neutral structure of
`tafdesk.exports.document`, from the plain values the services read."""
