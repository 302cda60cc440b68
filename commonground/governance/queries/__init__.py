"""Information governance's reads: subject access requests, the search across every record type
that can hold a person, and the export of the chosen records."""
