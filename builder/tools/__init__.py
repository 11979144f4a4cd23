"""Trainer tools beside the pipeline: preview and scaffolding. May import builder.api and any stage."""
