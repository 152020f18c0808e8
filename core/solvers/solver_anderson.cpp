// Anderson acceleration (type II) with memory m and mixing β.
//
// With residuals F_i = φ(w_i) − w_i and differences ΔF, ΔW over the last m steps, solve the
// regularized least squares γ = argmin ‖F_k − ΔF γ‖² + λ‖γ‖² (λ relative to σ_max(ΔF)²) by a
// thin SVD, then w_{k+1} = (w_k − ΔW γ) + β (F_k − ΔF γ). When cond(ΔF) exceeds
// restart_condition the history is dropped and a plain mixing step is taken (a restart).
// The memory is capped at n, beyond which the differences are necessarily dependent.
#include <Eigen/SVD>

#include <algorithm>
#include <deque>

#include "core/solvers/solver_methods.h"

namespace equilab {
namespace {

class AndersonSolver final : public FixedPointSolver {
  public:
    explicit AndersonSolver(const SolverOptions& options) : FixedPointSolver(options) {}

  protected:
    void resetMethodState() override {
        ws_.clear();
        fs_.clear();
    }

    bool advance(Vector* next, Vector* f_next) override {
        f_next->resize(0);
        const Vector F = f_ - w_;
        ws_.push_back(w_);
        fs_.push_back(F);
        // More than n differences in n dimensions are linearly dependent: cap m at n.
        const Index memory = std::min<Index>(options_.memory, w_.size());
        while (static_cast<Index>(ws_.size()) > memory + 1) {
            ws_.pop_front();
            fs_.pop_front();
        }
        const double beta = options_.damping;
        const Index m = static_cast<Index>(ws_.size()) - 1;
        if (m == 0) {
            *next = w_ + beta * F;
            return true;
        }
        Matrix dF(w_.size(), m), dW(w_.size(), m);
        for (Index j = 0; j < m; ++j) {
            dF.col(j) = fs_[j + 1] - fs_[j];
            dW.col(j) = ws_[j + 1] - ws_[j];
        }
        Eigen::JacobiSVD<Matrix> svd(dF, Eigen::ComputeThinU | Eigen::ComputeThinV);
        const Vector& s = svd.singularValues();
        const double smax = s(0);
        const double smin = s(s.size() - 1);
        if (!(smax > 0) || smax > options_.restart_condition * smin) {
            // Ill-conditioned history: keep only the newest point and mix plainly.
            ++summary_.restarts;
            ws_.erase(ws_.begin(), ws_.end() - 1);
            fs_.erase(fs_.begin(), fs_.end() - 1);
            *next = w_ + beta * F;
            return true;
        }
        const double lambda = options_.regularization * smax * smax;
        const Vector filter = s.array() / (s.array().square() + lambda);
        const Vector gamma =
            svd.matrixV() * (filter.asDiagonal() * (svd.matrixU().transpose() * F));
        *next = (w_ - dW * gamma) + beta * (F - dF * gamma);
        return next->allFinite();
    }

  private:
    std::deque<Vector> ws_;
    std::deque<Vector> fs_;
};

}  // namespace

std::unique_ptr<FixedPointSolver> makeAndersonSolver(const SolverOptions& options) {
    return std::make_unique<AndersonSolver>(options);
}

}  // namespace equilab
