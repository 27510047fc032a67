"""Stage 1, reading: the article as read, cleaned of page furniture, cut into chunks and
sentences, with one simplified-Chinese view that every rule reads (offsets shared with the
cleaned text, and mapped back to the article exactly as read)."""
