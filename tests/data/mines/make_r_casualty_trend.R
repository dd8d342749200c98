# Reference values for dpssec.mines.casualty_trend, computed with R's glm.
#
# Run: Rscript make_r_casualty_trend.R   (R 4.2.2 Patched (2022-11-10 r83330), stats package).
# Writes r_casualty_trend.csv: one row per fit, 17 significant digits. The APC interval is
# 100 (exp(b +- q SE) - 1) with q Student's t on the residual df for quasipoisson (the t value and
# p of summary.glm for a quasi family) and the normal quantile for poisson (z value and p).
# Counts: Colombia, Landmine Monitor (latest edition); populations: UN WPP 2022 (dpssec.data).
years12 <- 2005:2016
counts12 <- c(1112, 1167, 895, 798, 674, 512, 496, 549, 374, 292, 222, 84)
pop12 <- c(42221000, 42772000, 43307000, 43817000, 44314000, 44816000, 45311000, 45781000,
           46236000, 46678000, 47120000, 47625000)
cases <- list(
  list(name = "col_2013_2016", years = 2013:2016, y = counts12[9:12], pop = NULL),
  list(name = "col_2013_2016_rate", years = 2013:2016, y = counts12[9:12], pop = pop12[9:12]),
  list(name = "col_2005_2016_rate", years = years12, y = counts12, pop = pop12)
)
rows <- list()
for (case in cases) {
  x <- case$years - mean(case$years)
  for (family in c("quasipoisson", "poisson")) {
    fam <- if (family == "poisson") poisson() else quasipoisson()
    tight <- glm.control(epsilon = 1e-14, maxit = 100)  # the default 1e-8 leaves ~1e-7 in the scale
    fit <- if (is.null(case$pop)) glm(case$y ~ x, family = fam, control = tight) else
      glm(case$y ~ x + offset(log(case$pop)), family = fam, control = tight)
    s <- summary(fit)
    b <- s$coefficients["x", 1]; se <- s$coefficients["x", 2]
    q <- if (family == "poisson") qnorm(0.975) else qt(0.975, fit$df.residual)
    rows[[length(rows) + 1]] <- data.frame(
      case = case$name, method = family, slope = b, se = se, dispersion = s$dispersion,
      df = fit$df.residual, apc = 100 * expm1(b), lower = 100 * expm1(b - q * se),
      upper = 100 * expm1(b + q * se), p_value = s$coefficients["x", 4])
  }
}
out <- do.call(rbind, rows)
write.csv(format(out, digits = 17), "r_casualty_trend.csv", row.names = FALSE)
cat(R.version.string, "\n")
print(out, digits = 10)
