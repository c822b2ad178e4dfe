import ArgumentParser
import StudyModel

extension Language: ExpressibleByArgument {}
