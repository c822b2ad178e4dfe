enum _PlaceholderStatistics {}
