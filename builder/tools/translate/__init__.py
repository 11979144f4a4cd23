"""Content translation with XLIFF 1.2: export the course's texts, import translations, status.

Reads the course through load/ and check/ like the build; writes only under translations/.
"""
