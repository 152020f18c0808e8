// The hypergradient methods' names and options, and the parameter-set norms their errors are
// measured in (core/training/hypergradient.h). The passes themselves are in hypergradient.cpp.
#include <cmath>

#include "core/internal/option_limits.h"
#include "core/training/hypergradient.h"

namespace equilab {

std::string toString(HypergradMethod m) {
    switch (m) {
        case HypergradMethod::Itd:
            return "itd";
        case HypergradMethod::AidFp:
            return "aid-fp";
        case HypergradMethod::AidCg:
            return "aid-cg";
        case HypergradMethod::Exact:
            return "exact";
        case HypergradMethod::Jfb:
            return "jfb";
        case HypergradMethod::Phantom:
            return "phantom";
        case HypergradMethod::Neumann:
            return "neumann";
    }
    return "itd";
}

const std::vector<HypergradMethod>& allHypergradMethods() {
    static const std::vector<HypergradMethod> all = {
        HypergradMethod::Itd,  HypergradMethod::AidFp,   HypergradMethod::AidCg,
        HypergradMethod::Jfb,  HypergradMethod::Phantom, HypergradMethod::Neumann,
        HypergradMethod::Exact};
    return all;
}

bool isTrainingMethod(HypergradMethod m) {
    return m != HypergradMethod::Exact;
}

bool parseHypergradMethod(const std::string& name, HypergradMethod* m) {
    for (auto k : allHypergradMethods()) {
        if (toString(k) == name) {
            *m = k;
            return true;
        }
    }
    return false;
}

bool HypergradOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& msg) {
        if (error) *error = msg;
        return false;
    };
    const int most = TrainingLimits::kMaxIterations;
    if (T < 1 || T > most) return fail("T (forward iterations) must be " + rangeText(1, most));
    if (K < 1 || K > most) return fail("K (adjoint iterations) must be " + rangeText(1, most));
    if (!(exact_tolerance > 0)) return fail("exact_tolerance must be positive");
    if (!(damping > 0 && damping <= 1)) return fail("damping λ must be in (0, 1]");
    if (!(backward_tolerance > 0)) return fail("backward_tolerance must be positive");
    if (!(forward_tolerance >= 0)) return fail("forward_tolerance must be ≥ 0 (0: T fixed steps)");
    if (forward_tolerance > 0 && method == HypergradMethod::Itd)
        return fail(
            "itd differentiates through its T steps: a forward tolerance applies to aid-fp, "
            "aid-cg, jfb, phantom and neumann");
    if (forward_max_iterations < 1 || forward_max_iterations > TrainingLimits::kMaxIterations)
        return fail("forward_max_iterations must be " +
                    rangeText(1, TrainingLimits::kMaxIterations));
    return true;
}

template <typename Scalar>
double ModelParams<Scalar>::norm() const {
    return std::sqrt(static_cast<double>(A.squaredNorm() + B.squaredNorm() + c.squaredNorm() +
                                         Wout.squaredNorm() + bout.squaredNorm()));
}

template <typename Scalar>
double relativeError(const ModelParams<Scalar>& g, const ModelParams<Scalar>& ref) {
    const double diff = std::sqrt(static_cast<double>(
        (g.A - ref.A).squaredNorm() + (g.B - ref.B).squaredNorm() + (g.c - ref.c).squaredNorm() +
        (g.Wout - ref.Wout).squaredNorm() + (g.bout - ref.bout).squaredNorm()));
    const double r = ref.norm();
    return r > 0 ? diff / r : diff;
}

#define EQUILAB_INSTANTIATE(S)      \
    template struct ModelParams<S>; \
    template double relativeError(const ModelParams<S>&, const ModelParams<S>&);
EQUILAB_INSTANTIATE(float)
EQUILAB_INSTANTIATE(double)
#undef EQUILAB_INSTANTIATE

}  // namespace equilab
