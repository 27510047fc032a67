"""Stage 5, running batches: many articles, one record file each, written atomically, with
run.json, progress, resumption and a lock on the output folder."""
