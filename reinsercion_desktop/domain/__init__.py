"""Plain rules and value objects of the programme: no Qt, no SQL."""
