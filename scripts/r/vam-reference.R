#!/usr/bin/env Rscript
# Reference value-added for Mosaic's tests, fitted with lme4 exactly as docs/growth.md specifies:
#   lmer(current ~ factor(grade) * prior + frl + ell + iep + (1 | school), REML = TRUE)
# Writes the model's input (so the Java test fits the very same rows), the BLUPs with their conditional SDs
# (condVar) and the variance components.
# Usage: Rscript scripts/r/vam-reference.R DATASET_DIR SUBJECT YEAR MIN_GRADE MAX_GRADE OUT_PREFIX
# Debian packages only: apt-get install r-base-core r-cran-lme4
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; subject <- args[2]; year <- as.integer(args[3])
gmin <- as.integer(args[4]); gmax <- as.integer(args[5]); prefix <- args[6]

enr <- read.csv(file.path(dir, "enrollments.csv"), colClasses = "character")
st <- read.csv(file.path(dir, "students.csv"), colClasses = "character")
sc <- read.csv(file.path(dir, "scores.csv"), colClasses = "character")
sc <- sc[sc$subject == subject & sc$term == "" & sc$strand == "", ]
score <- function(y) { s <- sc[sc$year == as.character(y), ]; setNames(as.numeric(s$score), s$student_id) }
now <- enr[enr$year == as.character(year), ]
now$grade <- as.integer(ifelse(now$grade == "K", "0", now$grade))
now <- now[now$grade >= gmin & now$grade <= gmax, ]
d <- data.frame(school = now$school_id, grade = now$grade, current = score(year)[now$student_id],
                prior = score(year - 1)[now$student_id], stringsAsFactors = FALSE)
rownames(st) <- st$student_id
d$frl <- as.integer(st[now$student_id, "frl"]); d$ell <- as.integer(st[now$student_id, "ell"])
d$iep <- as.integer(st[now$student_id, "iep"])
d <- d[complete.cases(d), ]
d <- d[order(d$school), ]
write.csv(d, paste0(prefix, "-input.csv"), row.names = FALSE)

m <- lmer(current ~ factor(grade) * prior + frl + ell + iep + (1 | school), data = d, REML = TRUE,
          control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhobeg = 1e-3, rhoend = 1e-10)))
re <- ranef(m, condVar = TRUE)$school
se <- sqrt(attr(re, "postVar")[1, 1, ])
out <- data.frame(unit_id = rownames(re), estimate = sprintf("%.10g", re[, 1]), se = sprintf("%.10g", se))
write.csv(out, paste0(prefix, "-lme4.csv"), row.names = FALSE, quote = FALSE)
vc <- as.data.frame(VarCorr(m))
cat(sprintf("unit_variance,%.12g\nresidual_variance,%.12g\nreml_criterion,%.12g\n", vc$vcov[1], vc$vcov[2],
            REMLcrit(m)), file = paste0(prefix, "-components.csv"))
cat(sprintf("%s: %d students in %d schools; school variance %.6g, residual %.6g\n", prefix, nrow(d),
            nrow(re), vc$vcov[1], vc$vcov[2]))
