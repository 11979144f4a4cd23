"""Trainer tools beside the pipeline: preview, scaffolding and the results report. May import builder.api and any stage."""
