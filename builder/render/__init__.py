"""Stage 5, render: turn the outline into HTML and quiz data, in memory. May import builder.model, builder.load, builder.outline and builder.targets."""
