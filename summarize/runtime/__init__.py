"""How a run behaves as a process, whatever it does.

- ``guard``: signals (SIGTERM, SIGHUP stop like Ctrl-C), closed or full stdout/stderr;
- ``progress``: tqdm bars on a terminal only, never in pipes or CI.
"""
