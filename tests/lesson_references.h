// The lesson test's own references (tests/tst_lessons.cpp): ‖A‖₂ by a Jacobi SVD and the plain
// iterations — Picard, Krasnoselskii–Mann, Newton and Anderson — written here, independently of
// core's solvers, each counting iterations by the solvers' convention (the first k with
// ‖φ(w_k) − w_k‖ ≤ tolerance).
#pragma once

#include <Eigen/LU>
#include <Eigen/QR>

#include <vector>

#include "core/model/scenario.h"
#include "tests/reference_linalg.h"

namespace equilab::testing {

// ‖A‖₂ by a full SVD, and Picard's iteration count by a loop written here.
inline double independentNorm(const Matrix& A) {
    return largestSingularValueJacobi(A);
}

inline int independentPicard(const Scenario& s, bool* converged) {
    const Model m = s.effectiveModel();
    const Vector drive = m.B * s.x + m.c;
    Vector w = s.startingPoint();
    for (int k = 0; k <= s.solver.max_iterations; ++k) {
        const Vector next = (m.A * w + drive).array().tanh().matrix();
        if ((next - w).norm() <= s.solver.tolerance) {
            *converged = true;
            return k;
        }
        if (k == s.solver.max_iterations) break;
        w = next;
    }
    *converged = false;
    return s.solver.max_iterations;
}

// Plain iterations written here, each returning the first k with ‖φ(w_k) − w_k‖ ≤ tolerance
// (the solvers' convention), or −1 within the cap.
inline Vector phiOf(const Model& m, const Vector& drive, const Vector& w) {
    return (m.A * w + drive).array().tanh().matrix();
}

inline int independentKm(const Scenario& s, double beta) {
    const Model m = s.effectiveModel();
    const Vector drive = m.B * s.x + m.c;
    Vector w = s.startingPoint();
    for (int k = 0; k <= s.solver.max_iterations; ++k) {
        const Vector f = phiOf(m, drive, w) - w;
        if (f.norm() <= s.solver.tolerance) return k;
        w += beta * f;
    }
    return -1;
}

// Newton on g(w) = φ(w) − w with g'(w) = diag(1 − φ²) A − I, by a dense LU.
inline int independentNewton(const Scenario& s) {
    const Model m = s.effectiveModel();
    const Vector drive = m.B * s.x + m.c;
    Vector w = s.startingPoint();
    for (int k = 0; k <= 100; ++k) {
        const Vector phi = phiOf(m, drive, w);
        const Vector g = phi - w;
        if (g.norm() <= s.solver.tolerance) return k;
        const Matrix Jg = (1 - phi.array().square()).matrix().asDiagonal() * m.A -
                          Matrix::Identity(w.size(), w.size());
        w -= Jg.partialPivLu().solve(g);
    }
    return -1;
}

// Anderson (type II, memory m, mixing β) with an unregularized least-squares step by a
// column-pivoted QR, no restarts: another implementation than core's (SVD, regularized).
inline int independentAnderson(const Scenario& s, int memory, double beta) {
    const Model m = s.effectiveModel();
    const Vector drive = m.B * s.x + m.c;
    Vector w = s.startingPoint();
    std::vector<Vector> ws, fs;
    for (int k = 0; k <= s.solver.max_iterations; ++k) {
        const Vector f = phiOf(m, drive, w) - w;
        if (f.norm() <= s.solver.tolerance) return k;
        ws.push_back(w);
        fs.push_back(f);
        if (static_cast<int>(ws.size()) > memory + 1) {
            ws.erase(ws.begin());
            fs.erase(fs.begin());
        }
        const Index h = static_cast<Index>(ws.size()) - 1;
        if (h == 0) {
            w += beta * f;
            continue;
        }
        Matrix dF(w.size(), h), dW(w.size(), h);
        for (Index j = 0; j < h; ++j) {
            dF.col(j) = fs[j + 1] - fs[j];
            dW.col(j) = ws[j + 1] - ws[j];
        }
        const Vector gamma = dF.colPivHouseholderQr().solve(f);
        w = (w - dW * gamma) + beta * (f - dF * gamma);
    }
    return -1;
}

}  // namespace equilab::testing
