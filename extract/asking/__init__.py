"""Stage 2, asking the model: the prompts, the questions' response models (`answers`), the focus
hints, and `engine.Extractor.ask`, which puts a question to the model runtime
(`extract.runtime`: backends, retries, the response cache, replayed answers) and repairs an
answer cut off at the token limit (`repair`)."""
