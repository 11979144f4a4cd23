"""Stage 3, check: rules across files, lint rules and reading budgets. May import builder.model, builder.discover and builder.load."""
