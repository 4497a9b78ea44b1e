import os
import sys

from .cli import main

try:
    raise SystemExit(main(exiting=True))
except BrokenPipeError:
    # The reader went away (`check | head`): the rest of the output is not wanted, and Python
    # would print a traceback when it flushes standard output at exit.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(1) from None
