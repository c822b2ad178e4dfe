enum _PlaceholderAnalysis {}
