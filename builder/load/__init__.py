"""Stage 2, load: read YAML and Markdown and validate each file's fields. May import builder.model and builder.discover."""
