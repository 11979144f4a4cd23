"""dfc-course: build SCORM packages from a course kept as plain text files."""

__version__ = "0.1.0"
