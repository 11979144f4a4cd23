"""Stage 6, package: deterministic zips, atomic writes, the no-op build cache. May import builder.model."""
