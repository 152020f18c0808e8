// What the solve worker remembers between requests so that an edit costs what it changes.
//
// The certificate, the Picard run from w0, the paths from the extra starts and the scale sweep do
// not depend on the solver the user picked (method, damping, memory, Anderson's regularization
// and restarts): they read the model after its parametrization, x, w0 and Picard's options
// (tolerance, cap, divergence rule). When a request differs from the previous one only in those
// solver settings (a lesson's "Try Anderson with memory 5", the Solver dock's method box), the
// worker reuses them instead of recomputing seconds of work (n = 2000: the certificate; a cap of
// 20000: the sweep). Only complete, uncancelled results are remembered; anything else is
// recomputed. The key is the previous published result itself (no second copy of A).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/analysis/spectra.h"
#include "core/solvers/fixed_point_search.h"
#include "core/solvers/solver.h"

namespace equilab {

struct SolveResult;

class SolveMemo {
  public:
    // Whether r (a first-stage result: the effective model, x, w0 and options) has the same
    // solver-independent inputs as the remembered key; if not, everything is forgotten.
    bool keepIfSame(const SolveResult& r);
    // Remembers key as the result whose inputs the stored parts belong to.
    void setKey(std::shared_ptr<const SolveResult> key) { key_ = std::move(key); }

    std::optional<SolverSummary> picardRun;  // Picard from w0 (with iterates)
    std::optional<Certificate> certificate;
    struct Starts {
        int initialPoints = 0;
        std::vector<SolverSummary> runs;
        StartsReport report;
    };
    std::optional<Starts> starts;
    struct Sweep {
        double min = 0, max = 0;
        int count = 0;
        ScaleSweep sweep;
    };
    std::optional<Sweep> sweep;

  private:
    void forget();
    std::shared_ptr<const SolveResult> key_;
};

// Two option sets give the same Picard run (every field but the other solvers' settings).
bool samePicardOptions(const SolverOptions& a, const SolverOptions& b);

}  // namespace equilab
