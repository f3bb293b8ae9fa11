"""Force generation engines: matching offers to requirement lines month by month."""
