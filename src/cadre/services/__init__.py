"""Use cases: load from storage, call an engine, save the result, in one place for every edge."""
