"""Stage 2, asking the model: prompts, the questions' response models, the focus hints, and the
engine under them (backends, transport retries, the response cache, replayed answers)."""
