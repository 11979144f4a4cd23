"""Interface text: every word the course itself adds (buttons, headings, hints, box titles),
kept in one catalogue per language, with named placeholders and CLDR plural forms.

Imports nothing else from builder/; every stage may use it.
"""
