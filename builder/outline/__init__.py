"""Stage 4, outline: lay the course out as screens with previous and next. May import builder.model."""
