"""The mission timetabler's vocabulary: runs to place, the rules they obey, the calendar it answers
with, what moved after a change and why; and its independent checker."""
