// JSON and text of the dynamics classification and the true fixed point, shared by `solve` and
// `spectrum`, so both print the same words for the same run.
#pragma once

#include <QJsonObject>

#include "core/analysis/spectra.h"
#include "core/solvers/fixed_point_search.h"

namespace equilab::cli {

// classification, classification_text, rate, period, amplitude, orbit, more_iterations,
// suggested_max_iterations, peak_residual (the fields that apply).
void addDynamicsJson(const DynamicsSummary& d, QJsonObject* o);
// {found, fixed_point, residual, spectral_radius_J, stable, marginal, source, message}.
QJsonObject fixedPointJson(const FixedPointReport& f);
// Exit code of a run: 0 when it reached a fixed point, 3 otherwise (with one line on stderr).
int dynamicsExitCode(const DynamicsSummary& d);

}  // namespace equilab::cli
