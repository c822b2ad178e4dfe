enum _PlaceholderIngestTests {}
