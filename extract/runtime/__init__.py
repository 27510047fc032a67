"""The model runtime the questions are asked with: which model answers and how.

`model_files` (the packaged GGUF models: fetch, verify, locate), `backends` (the embedded
llama.cpp model in process, or an OpenAI-compatible server over HTTP), `embedded_llama` with
`greedy_sampling` (grammar-checked greedy decoding) and `repetition` (an answer stopped when its
list repeats itself), `transport` (retries with backoff), `cache` (the on-disk response cache),
`replay` (books of recorded answers served in the model's place) and `usage` (calls, tokens,
cache hits and seconds). It knows nothing of the questions, the articles or the records
(import-linter holds it to that): `extract.asking` puts the questions to it.
"""
