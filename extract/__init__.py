"""The extraction engine: prompts, model backends, the response cache and batch runs."""
