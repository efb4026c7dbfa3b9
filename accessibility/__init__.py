"""The accessibility statement (tilgængelighedserklæring): the page, its known gaps, /was and the yearly review."""
