# Reference values for dpssec.evaluation's interrupted time series, computed with R.
#
# Run (in this folder): Rscript make_r_its_reference.R
# Used: R 4.2.2 (Debian bookworm r-base-core), MASS 7.3-58.2 (r-cran-mass), sandwich 3.0-2
# (r-cran-sandwich). Writes, 17 significant digits, with a header naming R and the calls:
#   sicily_expected.csv     the models of the Lopez Bernal, Cummins & Gasparrini (2017) tutorial
#                           as written in the authors' Rcode.R, plus a negative binomial and a
#                           Newey-West fit of the same series;
#   its_random.csv          a simulated overdispersed monthly series (set.seed(20240517));
#   its_random_expected.csv glm (poisson, quasipoisson), MASS::glm.nb and lm fits of it.
# tsModel (for harmonic()) is not packaged for Debian; `harmonic` below is its definition
# written out: sin and cos of 2*pi*k*x/period, k = 1..nfreq (column order does not change the
# coefficients the tests read).
suppressMessages({
  library(MASS)
  library(sandwich)
})
harmonic <- function(x, nfreq, period) {
  m <- outer(2 * pi * as.numeric(x) / period, seq_len(nfreq))
  cbind(sin(m), cos(m))
}
tight <- glm.control(epsilon = 1e-14, maxit = 100)
versions <- sprintf("%s; MASS %s; sandwich %s", R.version.string,
                    packageVersion("MASS"), packageVersion("sandwich"))
f17 <- function(x) trimws(formatC(as.numeric(x), digits = 17, format = "g"))
rows_of <- function(model, family, fit, cov = vcov(fit), dispersion = NA, alpha = NA) {
  terms <- names(coef(fit))
  keep <- terms != "(Intercept)" & !grepl("^harmonic", terms)
  data.frame(model = model, family = family, term = terms[keep],
             coef = f17(coef(fit)[keep]), se = f17(sqrt(diag(cov))[keep]),
             dispersion = f17(dispersion), alpha = f17(alpha))
}
write_with_header <- function(frame, file, header) {
  lines <- c(paste("#", header), paste("# Written by make_r_its_reference.R with", versions))
  writeLines(lines, file)
  suppressWarnings(write.table(frame, file, sep = ",", quote = FALSE, row.names = FALSE,
                               append = TRUE))
}

# -- the tutorial's models on the authors' data -------------------------------------------
data <- read.csv("sicily.csv", comment.char = "#")
model1 <- glm(aces ~ offset(log(stdpop)) + smokban + time, family = poisson, data,
              control = tight)
model2 <- glm(aces ~ offset(log(stdpop)) + smokban + time, family = quasipoisson, data,
              control = tight)
model3 <- glm(aces ~ offset(log(stdpop)) + smokban + time + harmonic(month, 2, 12),
              family = quasipoisson, data, control = tight)
model4 <- glm(aces ~ offset(log(stdpop)) + smokban + time + I(time - 36):smokban +
                harmonic(month, 2, 12), family = quasipoisson, data, control = tight)
# no population offset, slope change centred at the first post period (dpssec's form)
nb <- glm.nb(aces ~ smokban + time + I(time - 37):smokban, data = data,
             control = glm.control(maxit = 100))
poisson_slope <- glm(aces ~ offset(log(stdpop)) + smokban + time + I(time - 37):smokban,
                     family = poisson, data, control = tight)
nw <- NeweyWest(poisson_slope, lag = 3, prewhite = FALSE, adjust = FALSE)
sicily <- rbind(
  rows_of("model1", "poisson", model1, dispersion = summary(model1)$dispersion),
  rows_of("model2", "quasipoisson", model2, dispersion = summary(model2)$dispersion),
  rows_of("model3", "quasipoisson", model3, dispersion = summary(model3)$dispersion),
  rows_of("model4", "quasipoisson", model4, dispersion = summary(model4)$dispersion),
  rows_of("nb_no_offset", "negative-binomial", nb, alpha = 1 / nb$theta),
  rows_of("poisson_newey_west_lag3", "poisson", poisson_slope, cov = nw, dispersion = 1)
)
write_with_header(sicily, "sicily_expected.csv", c(
  "Coefficients of the models of the Lopez Bernal, Cummins & Gasparrini (2017) tutorial, fitted in R to sicily.csv",
  "exactly as written in the authors' Rcode.R (github.com/gasparrini/2017_lopezbernal_IJE_codedata, commit",
  "c88b53fc3c787ef87f33e27901dc3f7a6c781926): model1 glm(aces ~ offset(log(stdpop)) + smokban + time, family = poisson);",
  "model2 the same, quasipoisson; model3 + harmonic(month, 2, 12); model4 + I(time - 36):smokban (glm.control",
  "epsilon = 1e-14). Two fits beyond the tutorial: nb_no_offset = MASS::glm.nb(aces ~ smokban + time +",
  "I(time - 37):smokban) (no population; alpha = 1/theta; its se treats theta as known, as summary.negbin does);",
  "poisson_newey_west_lag3 = glm(aces ~ offset(log(stdpop)) + smokban + time + I(time - 37):smokban, poisson) with",
  "se from sandwich::NeweyWest(fit, lag = 3, prewhite = FALSE, adjust = FALSE).",
  "se = standard error; dispersion = summary(fit)$dispersion (Pearson chi-square / residual df for quasipoisson)."
))

# -- a simulated series: R and dpssec on the same random data ------------------------------
set.seed(20240517)
n <- 48
t <- seq_len(n)
pop <- runif(n, 9e4, 1.1e5)
mu <- pop * 1e-3 * exp(0.005 * t - 0.2 * (t >= 25) + 0.1 * sin(2 * pi * t / 12))
y <- rpois(n, rgamma(n, shape = 20, scale = mu / 20))  # overdispersed (alpha = 0.05)
random <- data.frame(t = t, count = y, population = f17(pop))
write_with_header(random, "its_random.csv", c(
  "A simulated monthly series (labelled synthetic): t = 1..48, population ~ U(90000, 110000), counts Poisson with",
  "a gamma(20) mean around population * 1e-3 * exp(0.005 t - 0.2 [t >= 25] + 0.1 sin(2 pi t / 12)); R set.seed(20240517)."
))
random$population <- pop
on <- as.numeric(random$t >= 25)
random$on <- on
random$rate <- random$count / random$population * 1e5
fits <- list(
  poisson = glm(count ~ offset(log(population)) + t + on + I((t - 25) * on) + harmonic(t, 1, 12),
                family = poisson, random, control = tight),
  quasipoisson = glm(count ~ offset(log(population)) + t + on + I((t - 25) * on) +
                       harmonic(t, 1, 12), family = quasipoisson, random, control = tight),
  gaussian = lm(rate ~ t + on + I((t - 25) * on) + harmonic(t, 1, 12), random)
)
nb_random <- glm.nb(count ~ offset(log(population)) + t + on + I((t - 25) * on) +
                      harmonic(t, 1, 12), random, control = glm.control(maxit = 100))
expected <- rbind(
  rows_of("random", "poisson", fits$poisson, dispersion = 1),
  rows_of("random", "quasipoisson", fits$quasipoisson,
          dispersion = summary(fits$quasipoisson)$dispersion),
  rows_of("random", "gaussian", fits$gaussian, dispersion = summary(fits$gaussian)$sigma^2),
  rows_of("random", "negative-binomial", nb_random, alpha = 1 / nb_random$theta)
)
write_with_header(expected, "its_random_expected.csv", c(
  "Fits of its_random.csv in R: glm(count ~ offset(log(population)) + t + on + I((t - 25) * on) + harmonic(t, 1, 12))",
  "with family poisson and quasipoisson (glm.control epsilon = 1e-14), MASS::glm.nb with the same terms (alpha = 1/theta;",
  "se with theta known), and lm(rate ~ the same terms) on rate = count / population * 1e5 (dispersion = sigma^2);",
  "on = [t >= 25]. dpssec's interrupted_time_series(count, t, 25, population=..., seasonality=1) has the same terms."
))
