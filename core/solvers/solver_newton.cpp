// Root finding on g(w) = φ(w) − w with a backtracking safeguard.
//
// Newton: g'(w) = D A − I with D = diag(1 − φ(w)²); the step solves (I − D A) δ = g(w) by a
// dense LU (for small n). Broyden ("good" update of the inverse Jacobian H ≈ g'(w)⁻¹, H₀ = −I):
// p = −H g, and after a step s = Δw, y = Δg, H ← H + (s − H y) sᵀH / (sᵀ H y).
// Both try α = 1, ½, ¼, ⅛ and accept the first trial with ‖g(w + α p)‖ < ‖g(w)‖; if none
// decreases the residual (or the linear algebra is singular) they fall back to a Picard step and
// count a restart (Broyden also resets H).
#include <Eigen/LU>

#include <cmath>

#include "core/solvers/solver_methods.h"

namespace equilab {
namespace {

constexpr int kLineSearchTrials = 4;
constexpr double kSingularRcond = 1e-14;

class RootSolver : public FixedPointSolver {
  public:
    explicit RootSolver(const SolverOptions& options) : FixedPointSolver(options) {}

  protected:
    // Line search along p from w_; falls back to the Picard step f_.
    bool searchAlong(const Vector& p, Vector* next, Vector* f_next) {
        const double r0 = (f_ - w_).norm();
        double alpha = 1.0;
        for (int t = 0; t < kLineSearchTrials && p.allFinite(); ++t, alpha *= 0.5) {
            Vector trial = w_ + alpha * p;
            Vector ft = phi(trial);
            const double r = (ft - trial).norm();
            if (std::isfinite(r) && r < r0) {
                *next = std::move(trial);
                *f_next = std::move(ft);
                return true;
            }
        }
        ++summary_.restarts;
        onFallback();
        *next = f_;
        f_next->resize(0);
        return true;
    }
    virtual void onFallback() {}
};

class NewtonSolver final : public RootSolver {
  public:
    explicit NewtonSolver(const SolverOptions& options) : RootSolver(options) {}

  protected:
    bool advance(Vector* next, Vector* f_next) override {
        const Index n = w_.size();
        const Vector d = (1.0 - f_.array().square()).matrix();
        const Matrix M = Matrix::Identity(n, n) - d.asDiagonal() * model_.A;
        Eigen::PartialPivLU<Matrix> lu(M);
        if (!(lu.rcond() > kSingularRcond)) {
            ++summary_.restarts;
            *next = f_;
            f_next->resize(0);
            return true;
        }
        const Vector delta = lu.solve(f_ - w_);
        return searchAlong(delta, next, f_next);
    }
};

class BroydenSolver final : public RootSolver {
  public:
    explicit BroydenSolver(const SolverOptions& options) : RootSolver(options) {}

  protected:
    void resetMethodState() override {
        H_ = -Matrix::Identity(w_.size(), w_.size());
        hasPrevious_ = false;
    }

    bool advance(Vector* next, Vector* f_next) override {
        const Vector g = f_ - w_;
        if (hasPrevious_) {
            const Vector s = w_ - wPrev_;
            const Vector y = g - gPrev_;
            const Vector Hy = H_ * y;
            const double denom = s.dot(Hy);
            if (std::abs(denom) > 1e-14 * s.norm() * Hy.norm() && std::isfinite(denom)) {
                const Vector sH = H_.transpose() * s;
                H_.noalias() += ((s - Hy) / denom) * sH.transpose();
            }
        }
        wPrev_ = w_;
        gPrev_ = g;
        hasPrevious_ = true;
        const Vector p = -(H_ * g);
        return searchAlong(p, next, f_next);
    }

    void onFallback() override { H_ = -Matrix::Identity(w_.size(), w_.size()); }

  private:
    Matrix H_;
    Vector wPrev_, gPrev_;
    bool hasPrevious_ = false;
};

}  // namespace

std::unique_ptr<FixedPointSolver> makeNewtonSolver(const SolverOptions& options) {
    return std::make_unique<NewtonSolver>(options);
}

std::unique_ptr<FixedPointSolver> makeBroydenSolver(const SolverOptions& options) {
    return std::make_unique<BroydenSolver>(options);
}

}  // namespace equilab
