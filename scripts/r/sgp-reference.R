#!/usr/bin/env Rscript
# Reference student growth percentiles for Mosaic's tests, computed with R quantreg (method "br", the
# Barrodale-Roberts simplex) exactly as docs/growth.md specifies Betebenner's method:
#   taus (1:100 - 0.5)/100; current ~ intercept + sum over priors of bs(prior, knots = 20/40/60/80 % quantiles
#   (type 7), Boundary.knots = range(prior)); predictions rounded to 5 decimals; each student's 100 predictions
#   sorted; SGP = count below the score, 0 -> 1 and 100 -> 99.
# Usage: Rscript scripts/r/sgp-reference.R DATASET_DIR SUBJECT GRADE YEAR OUT.csv
#   (DATASET_DIR from `mosaic generate`; the cohort is the students in GRADE in YEAR per enrollments.csv)
# Debian packages only: apt-get install r-base-core r-cran-quantreg
suppressPackageStartupMessages({ library(quantreg); library(splines) })

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; subject <- args[2]; grade <- as.integer(args[3]); year <- as.integer(args[4]); out <- args[5]

enr <- read.csv(file.path(dir, "enrollments.csv"), colClasses = "character")
sc <- read.csv(file.path(dir, "scores.csv"), colClasses = "character")
sc <- sc[sc$subject == subject & sc$term == "" & sc$strand == "", ]
score <- function(y) { s <- sc[sc$year == as.character(y), ]; setNames(as.numeric(s$score), s$student_id) }
ids <- enr$student_id[enr$year == as.character(year) & enr$grade == as.character(grade)]
cur <- score(year)[ids]
ids <- ids[!is.na(cur)]
d <- data.frame(id = ids, current = score(year)[ids], prior1 = score(year - 1)[ids], prior2 = score(year - 2)[ids],
                stringsAsFactors = FALSE)
taus <- (1:100 - 0.5) / 100

sgp <- function(d, order) {
  priors <- paste0("prior", seq_len(order))
  ok <- complete.cases(d[, c("current", priors)])
  e <- d[ok, ]
  terms <- sapply(priors, function(p) {
    v <- e[[p]]
    sprintf("bs(%s, knots = c(%s), Boundary.knots = c(%s))", p,
            paste(sprintf("%.17g", quantile(v, c(0.2, 0.4, 0.6, 0.8), type = 7)), collapse = ", "),
            paste(sprintf("%.17g", range(v)), collapse = ", "))
  })
  f <- as.formula(paste("current ~", paste(terms, collapse = " + ")))
  fit <- rq(f, tau = taus, data = e, method = "br")
  # rounded to 5 decimals, as the SGP package rounds its predictions: the fit passes exactly through some students'
  # scores, and without rounding floating-point noise would count them below or not at random
  pred <- round(predict(fit, newdata = e), digits = 5)
  pred <- t(apply(pred, 1, sort))
  s <- rowSums(pred < e$current)
  s[s == 0] <- 1; s[s == 100] <- 99
  r <- rep(NA_integer_, nrow(d)); r[ok] <- s
  r
}
d$sgp_order1 <- sgp(d, 1)
d$sgp_order2 <- sgp(d, 2)
write.csv(d, out, row.names = FALSE, na = "")
cat(sprintf("%s: %d students, %d with two priors\n", out, nrow(d), sum(!is.na(d$sgp_order2))))
