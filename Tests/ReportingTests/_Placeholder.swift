enum _PlaceholderReportingTests {}
