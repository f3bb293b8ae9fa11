"""The mission brief: the headline figures, force by month with ranges, handovers, fill and
shortfalls, and coordination gaps in one PDF, as its reader may see them."""
