"""Coordination use cases: the who-does-what-where-when register of every actor, imported and
exported as HXL, its overlaps and gaps, and the map of activity by governorate."""
