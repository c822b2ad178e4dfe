enum _PlaceholderStudyModelTests {}
