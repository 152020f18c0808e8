// equilab-orbit-bench: the orbit diagram's cost in plotted points per second, at the window's
// defaults (200 columns, 500 burn-in steps, 64 kept iterates, scale s of A over [0.05, 2.5]), on
// one thread, for each n given (default 2 and 200). The model is randomScenario(n, n, 7) with
// A replaced by −1.6 M Mᵀ / ‖M Mᵀ‖₂ (M its random A): symmetric with eigenvalues in [−1.6, 0], so
// the sweep crosses s = 1/1.6 where the fixed point doubles into a 2-cycle, and has converged,
// slow and periodic columns; w₀ = 0.1.
// Prints two lines per n: as the window computes it (a burn-in that converges stops early), and
// the worst case where every column runs all 564 steps (fixed-point tolerance 0); each with the
// time per diagram (median of the repeats), points/s, the columns whose burn-in converged early
// and the verdict changes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <Eigen/SVD>

#include "core/analysis/orbit.h"
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
            std::fprintf(stderr, "usage: equilab-orbit-bench [--repeats R] [n ...]\n");
            return 2;
        }
    }
    if (sizes.empty()) sizes = {2, 200};
    for (int n : sizes) {
        Scenario s = randomScenario(n, n, 7, 1.6);
        const Matrix mmt = s.model.A * s.model.A.transpose();
        s.model.A = -1.6 / mmt.jacobiSvd().singularValues()(0) * mmt;
        const Vector w0 = Vector::Constant(n, 0.1);
        for (const bool full : {false, true}) {
            OrbitOptions o;  // the window's defaults
            // Essentially never reached (a residual of exactly 0 still is): every column runs the
            // 564 steps unless its iterates stop moving in floating point.
            if (full) o.tolerance_fixed = 1e-300;
            std::vector<double> ms;
            OrbitDiagram d;
            for (int r = 0; r < repeats; ++r) {
                const auto t0 = std::chrono::steady_clock::now();
                d = computeOrbitDiagram(s.model, s.x, w0, o);
                ms.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
            }
            std::sort(ms.begin(), ms.end());
            const double med = ms[ms.size() / 2];
            int converged = 0;
            for (const OrbitColumn& c : d.columns) converged += reachedFixedPoint(c.verdict);
            std::printf(
                "n = %d, %s: %zu points in %.1f ms (median of %d): %.3g points/s; %d of "
                "%d columns converged in the burn-in; %zu verdict changes\n",
                n, full ? "tolerance 1e-300" : "as in the window", d.pointCount(), med, repeats,
                d.pointCount() / (med / 1000), converged, o.count, d.verdictChanges().size());
        }
    }
    return 0;
}
