// equilab-continuation-bench: the cost of pseudo-arclength continuation
// (core/analysis/continuation.h) in accepted points per second, for each n given (default 2 and
// 200), on one thread. The model is the orbit benchmark's: randomScenario(n, n, 7) with A replaced
// by −1.6 M Mᵀ / ‖M Mᵀ‖₂ (symmetric, eigenvalues in [−1.6, 0]), continued in the scale s of A over
// [0.05, 2.5] from s = 1 in both directions with the window's steps (max step 0.1225 = 5 % of the
// range), so the branch crosses the flip at s = 1/1.6. Each point costs the corrector's Newton
// steps (LU of (n+1)²), the tangent (two more LUs) and a dense eigensolve of J (stability and the
// test functions); special points add their location. Prints per n: points, special points, the
// median time of the repeats, points/s, and the same with detection off (no eigensolves).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <Eigen/SVD>

#include "core/analysis/continuation.h"
#include "core/model/scenario.h"

using namespace equilab;

int main(int argc, char** argv) {
    std::vector<int> sizes;
    int repeats = 3;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--repeats") && i + 1 < argc)
            repeats = std::max(1, std::atoi(argv[++i]));
        else if (std::atoi(argv[i]) > 0)
            sizes.push_back(std::atoi(argv[i]));
        else {
            std::fprintf(stderr, "usage: equilab-continuation-bench [--repeats R] [n ...]\n");
            return 2;
        }
    }
    if (sizes.empty()) sizes = {2, 200};
    Eigen::setNbThreads(1);
    for (int n : sizes) {
        Scenario s = randomScenario(n, n, 7, 1.6);
        const Matrix mmt = s.model.A * s.model.A.transpose();
        s.model.A = -1.6 / mmt.jacobiSvd().singularValues()(0) * mmt;
        const ParameterFamily f = ParameterFamily::from(s.model, s.x, OrbitParameter::ScaleA, 0);
        for (const bool detect : {true, false}) {
            ContinuationOptions o;
            o.p_min = 0.05;
            o.p_max = 2.5;
            o.max_step = 0.05 * (o.p_max - o.p_min);
            o.detect_special = detect;
            std::vector<double> seconds;
            ContinuationSummary r;
            for (int k = 0; k < repeats; ++k) {
                const auto t0 = std::chrono::steady_clock::now();
                r = continueFixedPoints(f, Vector::Constant(n, 0.1), o);
                seconds.push_back(
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            }
            std::sort(seconds.begin(), seconds.end());
            const double t = seconds[seconds.size() / 2];
            std::printf(
                "n = %4d  detection %-3s  %4d points, %2zu special  %9.4f s  %10.1f "
                "points/s  (%s)\n",
                n, detect ? "on" : "off", r.points, r.special_points.size(), t, r.points / t,
                r.message.c_str());
        }
    }
    return 0;
}
