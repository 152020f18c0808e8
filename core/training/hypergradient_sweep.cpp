#include "core/training/hypergradient_sweep.h"

#include "core/model/model.h"

namespace equilab {

const std::vector<HypergradMethod>& HypergradSweep::methods() {
    static const std::vector<HypergradMethod> m = {
        HypergradMethod::Itd, HypergradMethod::AidFp,   HypergradMethod::AidCg,
        HypergradMethod::Jfb, HypergradMethod::Phantom, HypergradMethod::Neumann};
    return m;
}

std::vector<double>& HypergradSweep::errors(HypergradMethod m) {
    switch (m) {
        case HypergradMethod::Itd:
            return itd;
        case HypergradMethod::AidFp:
            return aid_fp;
        case HypergradMethod::AidCg:
            return aid_cg;
        case HypergradMethod::Jfb:
            return jfb;
        case HypergradMethod::Phantom:
            return phantom;
        case HypergradMethod::Neumann:
        case HypergradMethod::Exact:
            break;
    }
    return neumann;
}

const std::vector<double>& HypergradSweep::errors(HypergradMethod m) const {
    return const_cast<HypergradSweep*>(this)->errors(m);
}

HypergradSweep hypergradientSweep(const ModelParams<double>& params, const Matrix& X,
                                  const Targets<double>& targets, int max_iterations,
                                  const std::function<bool()>& cancel, double damping) {
    HypergradSweep s;
    s.damping = damping;
    s.contraction_bound = spectralNorm(params.A);
    HypergradOptions exact;
    exact.method = HypergradMethod::Exact;
    HypergradWorkspace<double> ws;
    const auto ref = hypergradient(params, X, targets, exact, &ws);
    s.reference_residual = ref.forward_residual;
    s.reference_iterations = ref.forward_iterations;
    s.reference_converged = ref.forward_residual <= exact.exact_tolerance;
    for (int k = 1; k <= max_iterations; ++k) {
        if (cancel && cancel()) return s;
        s.iterations.push_back(k);
        for (auto m : HypergradSweep::methods()) {
            HypergradOptions o;
            o.method = m;
            o.T = o.K = k;
            o.damping = damping;
            s.errors(m).push_back(
                relativeError(hypergradient(params, X, targets, o, &ws).grad, ref.grad));
        }
    }
    s.complete = true;
    return s;
}

}  // namespace equilab
