"""Run Ralph's LRS on a socket the tests opened: `python ralph_lrs.py FD` (Ralph's own venv)."""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

# Ralph 5.1.0's filesystem backend refuses every POST after the first unless it appends.
FSDataBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", fd=int(sys.argv[1]), log_level="warning")
