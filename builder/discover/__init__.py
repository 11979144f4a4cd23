"""Stage 1, discover: find the course's files in a fixed order. May import builder.model."""
