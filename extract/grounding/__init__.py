"""Stage 3, grounding: a quote the model copied, aligned to the exact stretch of the article it
copies, so that every span satisfies `text == article[start:end]`."""
