"""Stage 4, building records: the model's answers checked, normalised and completed by code into
contract records (meetings, officials, resolutions). A rule may fill in or correct what the model
found; it removes a record only when it proves the record wrong."""
