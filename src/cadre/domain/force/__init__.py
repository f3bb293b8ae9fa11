"""Force generation: the statement of requirements, nations' offers against it, the matching
of one to the other, the relief calendar and the fill reports, as pure values and functions."""
