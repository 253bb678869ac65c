#!/usr/bin/env Rscript
# Writes the SGPdata wide layout (ID, GRADE_<year>, SS_<year> ...) of one subject from a Mosaic dataset, keeping the
# students enrolled in the given grades in the last year: the input of the SGP speed comparison (BENCHMARKS.md).
# Usage: Rscript scripts/r/wide-from-dataset.R DATASET_DIR SUBJECT YEAR FIRST_GRADE LAST_GRADE OUT.csv
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; subject <- args[2]; year <- as.integer(args[3])
grades <- as.character(seq(as.integer(args[4]), as.integer(args[5]))); out <- args[6]
enr <- fread(file.path(dir, "enrollments.csv"), colClasses = "character")
sc <- fread(file.path(dir, "scores.csv"), colClasses = "character")
sc <- sc[subject == get("subject", envir = globalenv()) & term == "" & strand == ""]
keep <- enr[year == as.character(get("year", envir = globalenv())) & grade %in% grades, student_id]
years <- sort(unique(as.integer(enr$year)))
w <- data.table(ID = sort(keep))
for (y in years) {
  g <- enr[year == as.character(y), .(ID = student_id, g = ifelse(grade == "K", 0L, as.integer(grade)))]
  s <- sc[year == as.character(y), .(ID = student_id, s = as.numeric(score))]
  w <- merge(w, g, by = "ID", all.x = TRUE); setnames(w, "g", paste0("GRADE_", y))
  w <- merge(w, s, by = "ID", all.x = TRUE); setnames(w, "s", paste0("SS_", y))
}
fwrite(w, out, na = "NA", quote = FALSE)
cat(sprintf("%s: %d students, years %s\n", out, nrow(w), paste(years, collapse = ", ")))
