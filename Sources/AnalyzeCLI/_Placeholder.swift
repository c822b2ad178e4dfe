enum _PlaceholderAnalyzeCLI {}
