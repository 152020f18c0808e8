// A scenario: everything needed to reproduce one fixed-point problem — the model, the input,
// the starting point, the solver settings and the parametrization of A. Serialization lives
// outside core (io/); this is the plain value type.
#pragma once

#include <string>

#include "core/model/model.h"
#include "core/model/parametrization.h"
#include "core/solvers/solver.h"

namespace equilab {

// Documented limits for user-editable dimensions and entries.
constexpr int kMaxHiddenDim = 2000;
constexpr int kMaxInputDim = 10000;
constexpr double kMaxEntryMagnitude = 1e6;

struct Scenario {
    Model model;
    Vector x;   // d
    Vector w0;  // n, or empty for zeros
    SolverOptions solver;
    ParametrizationSpec parametrization;

    Index hiddenDim() const { return model.hiddenDim(); }
    Index inputDim() const { return model.inputDim(); }
    Vector startingPoint() const { return w0.size() ? w0 : Vector::Zero(hiddenDim()); }

    // Shapes agree, entries finite and within kMaxEntryMagnitude, dimensions within limits,
    // options valid. *error names the field.
    bool IsValid(std::string* error) const;

    // The model after the parametrization of A is applied (identity for "free").
    Model effectiveModel() const;
};

// n = d = 2, ‖A‖₂ = 0.9 with complex eigenvalues 0.9·e^{±0.6i} (the path spirals), non-zero
// B, c and x. What the GUI and the CLI open with.
Scenario defaultScenario();

// Random problem of the given dimensions: ‖A‖₂ = normA, B ~ N(0, 1/d), c ~ N(0, 0.1²),
// x ~ N(0, 1); deterministic in seed.
Scenario randomScenario(int hidden, int input, unsigned seed, double normA = 0.9);

// Resize keeping what fits: new rows/columns are filled from randomScenario(n, d, seed) and the
// whole A is rescaled to ‖A‖₂ = 0.9 when its shape changed.
Scenario resizedScenario(const Scenario& s, int hidden, int input, unsigned seed);

}  // namespace equilab
