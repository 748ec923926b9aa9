"""Form definitions as data: their schema, the loader, and the rules that check a filled form."""
