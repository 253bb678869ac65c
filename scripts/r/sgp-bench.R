#!/usr/bin/env Rscript
# The R side of the SGP speed comparison in BENCHMARKS.md: the same models as `mosaic growth sgp --wide`, fitted with
# quantreg (default method "br", the Barrodale-Roberts simplex the SGP package's studentGrowthPercentiles uses;
# "fn" for the Frisch-Newton interior point). For every grade cohort of YEAR and each order 1 ... MAX_ORDER:
# taus (1:100 - 0.5)/100; current ~ sum over the k most recent priors of bs(prior, knots = 20/40/60/80 % quantiles
# (type 7), Boundary.knots = range); priors consecutive (the grade one lower each year back); predictions rounded to
# 5 decimals; SGP = number of predicted quantiles below the score, 0 -> 1 and 100 -> 99; each student's highest
# order reported. The minimum cohort is 25 students per coefficient, as in Mosaic.
# Usage: Rscript scripts/r/sgp-bench.R WIDE.csv YEAR MAX_ORDER br|fn OUT.csv
suppressPackageStartupMessages({ library(quantreg); library(splines); library(data.table) })
args <- commandArgs(trailingOnly = TRUE)
w <- fread(args[1], na.strings = c("", "NA")); year <- as.integer(args[2]); max.order <- as.integer(args[3])
method <- args[4]; out <- args[5]
taus <- (1:100 - 0.5) / 100
cur.g <- w[[paste0("GRADE_", year)]]; cur.s <- w[[paste0("SS_", year)]]
# the consecutive priors of each student, most recent first
priors <- matrix(NA_real_, nrow(w), max.order)
ok <- rep(TRUE, nrow(w))
for (j in seq_len(max.order)) {
  g <- w[[paste0("GRADE_", year - j)]]; s <- w[[paste0("SS_", year - j)]]
  if (is.null(g)) break
  ok <- ok & !is.na(s) & !is.na(g) & g == cur.g - j
  priors[ok, j] <- s[ok]
}
result <- data.table(ID = w$ID, GRADE = cur.g, SGP = NA_integer_, ORDER = NA_integer_)
for (grade in sort(unique(cur.g[!is.na(cur.g) & !is.na(cur.s)]))) {
  for (k in seq_len(max.order)) {
    rows <- which(cur.g == grade & !is.na(cur.s) & rowSums(!is.na(priors[, 1:k, drop = FALSE])) == k)
    if (length(rows) < 25 * (1 + 7 * k)) next
    X <- do.call(cbind, lapply(1:k, function(j) {
      v <- priors[rows, j]
      bs(v, knots = quantile(v, c(0.2, 0.4, 0.6, 0.8), type = 7), Boundary.knots = range(v))
    }))
    y <- cur.s[rows]
    fit <- rq(y ~ X, tau = taus, method = method)
    pred <- round(cbind(1, X) %*% coef(fit), digits = 5)
    s <- rowSums(pred < y)
    s[s == 0] <- 1; s[s == 100] <- 99
    result$SGP[rows] <- s; result$ORDER[rows] <- k
  }
}
fwrite(result[!is.na(SGP)], out)
cat(sprintf("%s: %d SGPs (%s)\n", out, sum(!is.na(result$SGP)), method))
