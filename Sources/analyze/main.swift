import AnalyzeCLI

AnalyzeTool.start()
