"""The capacity planner's vocabulary: the problem, the plan it answers, and its checker."""
