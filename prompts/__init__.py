"""The prompt templates and worked examples (TOML), shipped as package data.

`extract.asking.prompts` reads them through `importlib.resources`, so an installed copy of the
toolkit asks the same questions as a source checkout. This package holds no code.
"""
