enum _PlaceholderSampleGeneration {}
