enum _PlaceholderAnalysisTests {}
