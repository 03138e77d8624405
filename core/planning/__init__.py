"""Next month's deployment: travel times, plan settings and the HiGHS plan."""
