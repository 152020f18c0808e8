#include "core/solvers/solver.h"

#include <cstdio>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "core/internal/work_guard.h"
#include "core/solvers/solver_methods.h"

namespace equilab {
namespace {

double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

std::string formatDouble(double v) {
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
}

}  // namespace

std::string toString(SolverMethod method) {
    switch (method) {
        case SolverMethod::Picard:
            return "picard";
        case SolverMethod::KrasnoselskiiMann:
            return "km";
        case SolverMethod::Anderson:
            return "anderson";
        case SolverMethod::Broyden:
            return "broyden";
        case SolverMethod::Newton:
            return "newton";
    }
    return "picard";
}

bool parseSolverMethod(const std::string& name, SolverMethod* method) {
    for (SolverMethod m : allSolverMethods()) {
        if (toString(m) == name) {
            *method = m;
            return true;
        }
    }
    return false;
}

std::vector<SolverMethod> allSolverMethods() {
    return {SolverMethod::Picard, SolverMethod::KrasnoselskiiMann, SolverMethod::Anderson,
            SolverMethod::Broyden, SolverMethod::Newton};
}

std::string toString(Termination t) {
    switch (t) {
        case Termination::Running:
            return "running";
        case Termination::Converged:
            return "converged";
        case Termination::MaxIterations:
            return "max_iterations";
        case Termination::DivergedNonFinite:
            return "diverged_non_finite";
        case Termination::DivergedGrowth:
            return "diverged_growth";
        case Termination::UserAbort:
            return "user_abort";
        case Termination::InvalidInput:
            return "invalid_input";
    }
    return "running";
}

namespace {
std::string shortNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}
}  // namespace

bool SolverOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& msg) {
        if (error) *error = msg;
        return false;
    };
    using L = SolverLimits;
    if (!(tolerance >= L::kMinTolerance && tolerance <= L::kMaxTolerance))
        return fail("solver tolerance must be between " + shortNumber(L::kMinTolerance) + " and " +
                    shortNumber(L::kMaxTolerance));
    if (max_iterations < 1 || max_iterations > L::kMaxIterations)
        return fail("solver max_iterations must be between 1 and " +
                    std::to_string(L::kMaxIterations));
    if (!(damping >= L::kMinDamping && damping <= L::kMaxDamping))
        return fail("solver damping must be between " + shortNumber(L::kMinDamping) + " and " +
                    shortNumber(L::kMaxDamping));
    if (memory < 1 || memory > L::kMaxMemory)
        return fail("solver memory must be between 1 and " + std::to_string(L::kMaxMemory));
    if (!(regularization >= 0) || !std::isfinite(regularization))
        return fail("solver regularization must be a non-negative finite number");
    if (!(restart_condition > 1)) return fail("solver restart_condition must exceed 1");
    if (!(divergence_factor > 1)) return fail("solver divergence_factor must exceed 1");
    if (divergence_window < 2 || divergence_window > 10'000'000)
        return fail("solver divergence_window must be between 2 and 10000000");
    return true;
}

double SolverSummary::observedRate(int window) const {
    // Residuals below this are dominated by round-off and say nothing about the rate.
    constexpr double kRoundOffFloor = 1e-13;
    std::vector<double> usable;
    for (double r : residuals)
        if (std::isfinite(r) && r > kRoundOffFloor) usable.push_back(r);
    if (usable.size() < 2) return 0.0;
    const size_t ratios = std::min<size_t>(window, usable.size() - 1);
    const size_t first = usable.size() - 1 - ratios;
    const double logSum = std::log(usable.back()) - std::log(usable[first]);
    return std::exp(logSum / static_cast<double>(ratios));
}

std::vector<Vector> SolverSummary::lastIterates(int count) const {
    const std::vector<Vector>& all = iterates.empty() ? recent_iterates : iterates;
    const size_t k = std::min(all.size(), static_cast<size_t>(std::max(0, count)));
    return std::vector<Vector>(all.end() - static_cast<std::ptrdiff_t>(k), all.end());
}

Vector FixedPointSolver::phi(const Vector& w) {
    ++summary_.function_evaluations;
    return model_.phiWithDrive(w, drive_);
}

double FixedPointSolver::residualNorm(const Vector& w, Vector* fw) {
    *fw = phi(w);
    return (*fw - w).norm();
}

bool FixedPointSolver::reset(const Model& model, const Vector& x, const Vector& w0) {
    summary_ = SolverSummary{};
    summary_.method = options_.method;
    std::string error;
    auto invalid = [this](const std::string& msg) {
        summary_.termination = Termination::InvalidInput;
        summary_.message = msg;
        return false;
    };
    if (!options_.IsValid(&error)) return invalid(error);
    if (!model.hasValidShapes(&error)) return invalid(error);
    if (x.size() != model.inputDim())
        return invalid("x must have " + std::to_string(model.inputDim()) + " entries (got " +
                       std::to_string(x.size()) + ")");
    if (w0.size() != 0 && w0.size() != model.hiddenDim())
        return invalid("w0 must have " + std::to_string(model.hiddenDim()) + " entries (got " +
                       std::to_string(w0.size()) + ")");

    model_ = model;
    drive_ = model_.drive(x);
    w_ = w0.size() ? w0 : Vector::Zero(model.hiddenDim());
    resetMethodState();
    start_ms_ = nowMs();
    const double r0 = residualNorm(w_, &f_);
    box_ = std::max(1.0, w_.size() ? w_.cwiseAbs().maxCoeff() : 0.0);
    growth_run_ = 0;
    record(r0, f_);
    summary_.termination = checkTermination();
    // Non-finite data is a numerical outcome, not a crash: name where it came from.
    const char* culprit = !model.A.allFinite()   ? "A"
                          : !model.B.allFinite() ? "B"
                          : !model.c.allFinite() ? "c"
                          : !x.allFinite()       ? "x"
                          : !w_.allFinite()      ? "w0"
                                                 : nullptr;
    if (culprit) {
        summary_.termination = Termination::DivergedNonFinite;
        summary_.message = std::string("diverged: the input ") + culprit +
                           " has a non-finite entry, so no finite iterate exists";
    }
    return true;
}

void FixedPointSolver::record(double residual, const Vector& fw) {
    summary_.iterations = static_cast<int>(summary_.residuals.size());
    summary_.residuals.push_back(residual);
    summary_.relative_residuals.push_back(residual / std::max(1.0, fw.norm()));
    summary_.times_ms.push_back(nowMs() - start_ms_);
    if (options_.record_iterates) {
        summary_.iterates.push_back(w_);
    } else {
        auto& recent = summary_.recent_iterates;
        if (recent.size() >= static_cast<size_t>(SolverSummary::kRecentIterates))
            recent.erase(recent.begin());
        recent.push_back(w_);
    }
    if (w_.allFinite()) summary_.fixed_point = w_;
}

Termination FixedPointSolver::checkTermination() {
    const double r = summary_.residuals.back();
    const int k = summary_.iterations;
    if (!std::isfinite(r) || !w_.allFinite()) {
        summary_.message = "diverged: a non-finite value appeared at iteration " +
                           std::to_string(k) + "; the last finite iterate is kept";
        return Termination::DivergedNonFinite;
    }
    if (r <= options_.tolerance) {
        summary_.message = "converged in " + std::to_string(k) + " iterations (residual " +
                           formatDouble(r) + " ≤ " + formatDouble(options_.tolerance) + ")";
        if (summary_.restarts > 0)
            summary_.message += "; " + std::to_string(summary_.restarts) +
                                " safeguard restarts (ill-conditioned or non-decreasing steps)";
        return Termination::Converged;
    }
    // Divergence: growth sustained over a window outside the box where every fixed point lies,
    // or an iterate far outside it; never one growth check (see SolverOptions).
    const auto& res = summary_.residuals;
    growth_run_ = res.size() >= 2 && r > res[res.size() - 2] ? growth_run_ + 1 : 0;
    const double size = w_.size() ? w_.cwiseAbs().maxCoeff() : 0.0;
    if (size > options_.divergence_factor * box_ ||
        (size > box_ && growth_run_ >= options_.divergence_window)) {
        summary_.message = "diverged: the iterates ran away (‖w‖∞ = " + formatDouble(size) +
                           ", outside [−" + formatDouble(box_) + ", " + formatDouble(box_) +
                           "]ⁿ where every fixed point lies; the residual grew for " +
                           std::to_string(growth_run_) + " steps to " + formatDouble(r) +
                           ") by iteration " + std::to_string(k);
        return Termination::DivergedGrowth;
    }
    if (k >= options_.max_iterations) {
        summary_.message = "stopped at the cap of " + std::to_string(options_.max_iterations) +
                           " iterations with residual " + formatDouble(r);
        if (summary_.restarts > 0)
            summary_.message += "; " + std::to_string(summary_.restarts) + " safeguard restarts";
        return Termination::MaxIterations;
    }
    return Termination::Running;
}

Termination FixedPointSolver::step() {
    if (summary_.termination != Termination::Running) return summary_.termination;
    Vector next, fNext;
    if (!advance(&next, &fNext)) {
        summary_.termination = Termination::DivergedNonFinite;
        summary_.message =
            "diverged: " + toString(options_.method) + " could not take a step at iteration " +
            std::to_string(summary_.iterations) + "; the last finite iterate is kept";
        return summary_.termination;
    }
    w_ = std::move(next);
    double r;
    if (fNext.size() == w_.size()) {
        f_ = std::move(fNext);
        r = (f_ - w_).norm();
    } else {
        r = residualNorm(w_, &f_);
    }
    record(r, f_);
    summary_.termination = checkTermination();
    return summary_.termination;
}

const SolverSummary& FixedPointSolver::solve(const IterationCallback& callback) {
    while (summary_.termination == Termination::Running) {
        step();
        if (callback && summary_.termination == Termination::Running) {
            IterationSummary it{summary_.iterations, summary_.residuals.back(),
                                summary_.relative_residuals.back(), summary_.times_ms.back()};
            if (callback(it) == CallbackReturn::Abort) {
                summary_.termination = Termination::UserAbort;
                summary_.message =
                    "stopped by the user at iteration " + std::to_string(summary_.iterations);
            }
        }
    }
    return summary_;
}

std::unique_ptr<FixedPointSolver> createSolver(const SolverOptions& options) {
    switch (options.method) {
        case SolverMethod::Picard:
            return makePicardSolver(options);
        case SolverMethod::KrasnoselskiiMann:
            return makeKrasnoselskiiMannSolver(options);
        case SolverMethod::Anderson:
            return makeAndersonSolver(options);
        case SolverMethod::Broyden:
            return makeBroydenSolver(options);
        case SolverMethod::Newton:
            return makeNewtonSolver(options);
    }
    return makePicardSolver(options);
}

SolverSummary solveFixedPoint(const Model& model, const Vector& x, const Vector& w0,
                              const SolverOptions& options, const IterationCallback& cb) {
    assertNotGuiThread(HeavyWork::Solve, model.hiddenDim());
    auto solver = createSolver(options);
    if (!solver->reset(model, x, w0)) return solver->summary();
    return solver->solve(cb);
}

}  // namespace equilab
