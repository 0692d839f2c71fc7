"""One module per pipeline stage: load -> extract -> embed -> cluster -> compare."""
