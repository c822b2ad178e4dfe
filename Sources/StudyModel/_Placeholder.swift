enum _PlaceholderStudyModel {}
