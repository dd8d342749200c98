# Reference values for dpssec.prevention survey estimators, computed with R's `survey` package.
#
# Run: Rscript make_r_survey_reference.R   (R 4.2.2, survey 4.1-1 from Debian bookworm's
# r-cran-survey). Writes api_strat.csv, api_clus1.csv (the columns of R survey's `api` data used
# by the tests), api_clus1_jk1_weights.csv and r_survey_reference.csv (one row per estimate, 17
# significant digits).
suppressMessages(library(survey))
data(api)
keep <- c("cds", "stype", "snum", "dnum", "api00", "api99", "enroll", "meals",
          "sch.wide", "comp.imp", "awards", "yr.rnd", "pw", "fpc")
write.csv(apistrat[, keep], "api_strat.csv", row.names = FALSE)
write.csv(apiclus1[, keep], "api_clus1.csv", row.names = FALSE)

designs <- list(
  strat = svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc),
  strat_wr = svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat),
  clus1 = svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc),
  clus1_wr = svydesign(id = ~dnum, weights = ~pw, data = apiclus1),
  stratclus_wr = svydesign(id = ~dnum, strata = ~stype, weights = ~pw, data = apistrat, nest = TRUE)
)
rows <- list()
add <- function(design, statistic, variable, group, est, se, deff = NA, lower = NA, upper = NA,
                method = "") {
  rows[[length(rows) + 1]] <<- data.frame(
    design = design, statistic = statistic, variable = variable, group = group,
    estimate = as.numeric(est), se = as.numeric(se), deff = as.numeric(deff),
    lower = as.numeric(lower), upper = as.numeric(upper), method = method)
}
for (name in names(designs)) {
  d <- designs[[name]]
  d <- update(d, yes = as.numeric(sch.wide == "Yes"), comp = as.numeric(comp.imp == "Yes"))
  m <- svymean(~api00, d, deff = TRUE)
  add(name, "mean", "api00", "", coef(m), SE(m), deff(m))
  t <- svytotal(~enroll, d, deff = TRUE)
  add(name, "total", "enroll", "", coef(t), SE(t), deff(t))
  p <- svymean(~yes, d, deff = TRUE)
  add(name, "proportion", "sch.wide", "", coef(p), SE(p), deff(p))
  for (method in c("logit", "beta", "mean")) {
    ci <- svyciprop(~yes, d, method = method)
    add(name, "proportion_ci", "sch.wide", "", as.numeric(ci), SE(ci), NA,
        attr(ci, "ci")[1], attr(ci, "ci")[2], method)
  }
  r <- svyratio(~api00, ~api99, d, deff = TRUE)
  add(name, "ratio", "api00/api99", "", coef(r), SE(r), deff(r))
  bm <- svyby(~api00, ~stype, d, svymean, deff = TRUE)
  for (i in seq_len(nrow(bm))) add(name, "mean", "api00", as.character(bm$stype[i]),
                                   bm$api00[i], bm$se[i], bm$DEff.api00[i])
  bt <- svyby(~enroll, ~stype, d, svytotal, deff = TRUE)
  for (i in seq_len(nrow(bt))) add(name, "total", "enroll", as.character(bt$stype[i]),
                                   bt$enroll[i], bt$se[i], bt$DEff.enroll[i])
  bp <- svyby(~yes, ~stype, d, svymean, deff = TRUE)
  for (i in seq_len(nrow(bp))) add(name, "proportion", "sch.wide", as.character(bp$stype[i]),
                                   bp$yes[i], bp$se[i], bp$DEff.yes[i])
  for (method in c("logit", "beta", "mean")) {
    bc <- svyby(~yes, ~stype, d, svyciprop, vartype = c("se", "ci"), method = method)
    for (i in seq_len(nrow(bc))) add(name, "proportion_ci", "sch.wide",
                                     as.character(bc$stype[i]), bc$yes[i], bc$se[i], NA,
                                     bc$ci_l[i], bc$ci_u[i], method)
  }
  br <- svyby(~api00, ~stype, denominator = ~api99, d, svyratio)
  for (i in seq_len(nrow(br))) add(name, "ratio", "api00/api99", as.character(br$stype[i]),
                                   br[i, 2], br[i, 3])
  dm <- svymean(~enroll, subset(d, comp.imp == "Yes"))
  add(name, "mean", "enroll", "domain:comp.imp=Yes", coef(dm), SE(dm))
}
# lonely PSUs: strata = district in the one-stage cluster sample (district 413 has one school)
ds <- svydesign(id = ~1, weights = ~pw, strata = ~dnum, data = apiclus1)
for (rule in c("certainty", "adjust")) {
  options(survey.lonely.psu = rule)
  m <- svymean(~api00, ds)
  add(paste0("lonely_", rule), "mean", "api00", "", coef(m), SE(m))
  p <- svymean(~I(as.numeric(sch.wide == "Yes")), ds)
  add(paste0("lonely_", rule), "proportion", "sch.wide", "", coef(p), SE(p))
}
options(survey.lonely.psu = "fail")
# replicate weights: JK1 jackknife of the one-stage cluster design (mse = FALSE, R's default)
rclus1 <- as.svrepdesign(designs$clus1)
write.csv(weights(rclus1, "analysis"), "api_clus1_jk1_weights.csv", row.names = FALSE)
m <- svymean(~api00, rclus1)
add("clus1_jk1", "mean", "api00", "", coef(m), SE(m))
t <- svytotal(~enroll, rclus1)
add("clus1_jk1", "total", "enroll", "", coef(t), SE(t))
cat("JK1 scale", rclus1$scale, "rscales", unique(rclus1$rscales), "\n")
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), "r_survey_reference.csv", row.names = FALSE)
