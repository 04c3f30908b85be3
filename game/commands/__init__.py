"""One module a command: `add_arguments(parser)` and `run(args) -> exit code`.

Modules import their heavy dependencies inside `run`, so building the parser stays cheap.
"""
