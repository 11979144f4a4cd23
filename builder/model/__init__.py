"""The course model and the problems every stage reports. May import nothing else from builder."""
