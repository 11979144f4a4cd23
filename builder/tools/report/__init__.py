"""`dfc-course report`: what trainees got right and wrong, question by question and by role.

Reads xAPI statements (a JSON array, NDJSON, or an LRS statements endpoint) and SCORM
interaction exports (Moodle's Interactions report download, or the neutral CSV), checks every
answer against the course, and writes an HTML, JSON or CSV report.

May import builder.api, builder.model and builder.load (to read the course for its question
ids, types, modules, objectives and keys), and numpy, from the optional `report` extra, inside
builder.tools.report.analysis only. Nothing in the pipeline imports this package.
"""
