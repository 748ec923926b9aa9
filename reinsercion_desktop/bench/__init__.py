"""`reinsercion bench`: the speed and memory figures the issues set targets for."""
