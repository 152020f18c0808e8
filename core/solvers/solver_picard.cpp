// Picard w ← φ(w) and its damped form, Krasnoselskii–Mann w ← (1 − β) w + β φ(w).
// For ‖A‖₂ = q < 1 Picard contracts: r_{k+1} ≤ q r_k. KM with β < 1 also converges for merely
// nonexpansive maps and tames oscillation (an eigenvalue of J near −1 becomes 1 − 2β).
#include "core/solvers/solver_methods.h"

namespace equilab {
namespace {

class DampedPicardSolver final : public FixedPointSolver {
  public:
    DampedPicardSolver(const SolverOptions& options, double beta)
        : FixedPointSolver(options), beta_(beta) {}

  protected:
    bool advance(Vector* next, Vector* f_next) override {
        if (beta_ == 1.0)
            *next = f_;
        else
            *next = (1.0 - beta_) * w_ + beta_ * f_;
        f_next->resize(0);
        return true;
    }

  private:
    double beta_;
};

}  // namespace

std::unique_ptr<FixedPointSolver> makePicardSolver(const SolverOptions& options) {
    return std::make_unique<DampedPicardSolver>(options, 1.0);
}

std::unique_ptr<FixedPointSolver> makeKrasnoselskiiMannSolver(const SolverOptions& options) {
    return std::make_unique<DampedPicardSolver>(options, options.damping);
}

}  // namespace equilab
