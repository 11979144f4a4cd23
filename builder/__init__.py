"""dfc-course: build e-learning packages from a course kept as plain text files.

The data flows one way, one subpackage per stage:

    discover -> load -> check -> outline -> render -> package

`targets` holds one module per package format, which render and package consult; `model`
holds the types every stage shares, `runtime` the trainee-side JavaScript and CSS,
`handbook` and `tools` sit beside the pipeline, `api` runs it and `cli` is the command line.
A module may import only the stages before it (each subpackage's docstring lists them).
"""

__version__ = "0.1.0"
