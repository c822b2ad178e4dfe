# Reads the participant × code matrix as analyze wrote it in CSV and in SPSS .sav, with base R's read.csv and
# foreign's read.spss (independently of analyze's own reader), and compares them cell for cell: a code's
# column (labelled "not mentioned"/"mentioned") by its number, any other labelled number (country, role) by
# its value label, text with SPSS's trailing blanks dropped.
# Usage: Rscript compare-matrix.R MATRIX.csv MATRIX.sav
# Prints "MATCH <cells>" and the labels of the .sav, or "DIFFERENT …" and exits with status 1.
suppressPackageStartupMessages(library(foreign))
arguments <- commandArgs(trailingOnly = TRUE)
csv <- read.csv(arguments[1], colClasses = "character", check.names = FALSE, na.strings = character(0))
raw <- suppressMessages(read.spss(arguments[2], to.data.frame = FALSE, use.value.labels = FALSE))
labels <- lapply(raw, attr, "value.labels")
sav <- as.data.frame(lapply(names(raw), function(name) {
  column <- raw[[name]]
  set <- labels[[name]]
  if (is.null(set)) return(trimws(as.character(column), which = "right"))
  if (identical(sort(names(set)), c("mentioned", "not mentioned"))) return(as.character(column))
  names(set)[match(column, set)]
}), stringsAsFactors = FALSE, col.names = names(raw), check.names = FALSE)
if (!identical(names(csv), names(sav))) {
  cat("DIFFERENT names:", setdiff(names(csv), names(sav)), "|", setdiff(names(sav), names(csv)), "\n")
  quit(status = 1)
}
differing <- which(as.matrix(csv) != as.matrix(sav), arr.ind = TRUE)
if (nrow(csv) != nrow(sav) || nrow(differing) > 0) {
  cat("DIFFERENT cells:", nrow(differing), "rows", nrow(csv), nrow(sav), "\n")
  quit(status = 1)
}
cat("MATCH", nrow(csv) * ncol(csv), "\n")
for (name in names(labels)[!vapply(labels, is.null, logical(1))]) {
  cat("value labels", name, paste(unname(labels[[name]]), names(labels[[name]]), sep = "=", collapse = "; "), "\n")
}
variable <- attr(raw, "variable.labels")
cat("variable labels", paste(names(variable), variable, sep = "=", collapse = "; "), "\n")
