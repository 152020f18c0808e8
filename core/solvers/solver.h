// Fixed-point solvers for w = φ(w; x), Ceres style: plain option and summary structs, a
// termination enum with a human message, one interface with a factory, a step() API for
// single-stepping and a progress callback that can stop the run.
//
// Residual convention (shared by every solver so traces compare): at iterate w_k the residual is
// r_k = ‖φ(w_k) − w_k‖₂ and the relative residual is r_k / max(1, ‖φ(w_k)‖₂). For Picard,
// r_k = ‖w_{k+1} − w_k‖₂. A solve converges at the first k with r_k ≤ tolerance and returns w_k.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/model/model.h"

namespace equilab {

enum class SolverMethod { Picard, KrasnoselskiiMann, Anderson, Broyden, Newton };

// "picard", "km", "anderson", "broyden", "newton".
std::string toString(SolverMethod method);
bool parseSolverMethod(const std::string& name, SolverMethod* method);
std::vector<SolverMethod> allSolverMethods();

// The limits of the solver options, declared once: SolverOptions::IsValid, the CLI options, the
// solver panel's widgets and their messages all read these.
struct SolverLimits {
    static constexpr double kMinTolerance = 1e-300;
    static constexpr double kMaxTolerance = 1e6;
    static constexpr int kMaxIterations = 10'000'000;
    static constexpr double kMinDamping = 1e-6;
    static constexpr double kMaxDamping = 1.0;
    static constexpr int kMaxMemory = 100;
};

struct SolverOptions {
    SolverMethod method = SolverMethod::Picard;
    double tolerance = 1e-10;        // on r_k = ‖φ(w_k) − w_k‖₂
    int max_iterations = 500;        // steps, not φ evaluations
    double damping = 0.5;            // β of Krasnoselskii–Mann and Anderson mixing, in (0, 1]
    int memory = 5;                  // Anderson history length m ≥ 1
    double regularization = 1e-10;   // Tikhonov λ of Anderson's least squares (relative)
    double restart_condition = 1e8;  // Anderson restarts when cond(ΔF) exceeds this
    // Divergence is never a single growth check. Every fixed point lies in (−1, 1)ⁿ and Picard/KM
    // iterates never leave the box [−b, b]ⁿ, b = max(1, ‖w₀‖_∞), so growth counts only outside it:
    // diverged when ‖w_k‖_∞ > divergence_factor · b, or when w_k is outside the box and the
    // residual grew at each of the last divergence_window steps. (Transient growth inside the box,
    // e.g. leaving an unstable fixed point, is not divergence.)
    double divergence_factor = 1e6;
    int divergence_window = 20;
    bool record_iterates = true;  // keep every w_k in the trace (memory n·k)

    bool IsValid(std::string* error) const;
};

enum class Termination {
    Running,            // not finished (only seen through step())
    Converged,          // r_k ≤ tolerance
    MaxIterations,      // the cap was reached first
    DivergedNonFinite,  // an iterate or residual is NaN or ±Inf
    DivergedGrowth,     // the iterates ran away outside [−b, b]ⁿ (see divergence_factor)
    UserAbort,          // the progress callback asked to stop
    InvalidInput,       // the model, input or options were rejected
};
std::string toString(Termination t);
inline bool isDiverged(Termination t) {
    return t == Termination::DivergedNonFinite || t == Termination::DivergedGrowth;
}

// One row of the trace, as passed to the progress callback.
struct IterationSummary {
    int iteration = 0;    // k
    double residual = 0;  // r_k
    double relative_residual = 0;
    double time_ms = 0;  // wall time since the solve started
};

// What a solve leaves behind. The last finite iterate is always in fixed_point, even on failure.
struct SolverSummary {
    SolverMethod method = SolverMethod::Picard;
    Termination termination = Termination::Running;
    std::string message;
    int iterations = 0;                   // steps taken = index of the returned iterate
    int function_evaluations = 0;         // calls of φ
    Vector fixed_point;                   // w_k at termination (last finite iterate)
    std::vector<Vector> iterates;         // w_0 … w_k (when record_iterates)
    std::vector<Vector> recent_iterates;  // the last kRecentIterates w's (when not record_iterates)
    std::vector<double> residuals;        // r_0 … r_k
    std::vector<double> relative_residuals;
    std::vector<double> times_ms;  // wall time at which r_k was known
    int restarts = 0;              // Anderson / Broyden safeguards that fired

    bool converged() const { return termination == Termination::Converged; }
    double finalResidual() const { return residuals.empty() ? 0.0 : residuals.back(); }
    // Geometric mean of the last (up to) `window` residual ratios r_{k+1}/r_k, skipping
    // residuals at round-off level. 0 when fewer than two usable residuals exist.
    double observedRate(int window = 10) const;
    // The last (up to) count iterates, from iterates or recent_iterates, oldest first.
    std::vector<Vector> lastIterates(int count) const;
    static constexpr int kRecentIterates = 64;  // enough for cycles of period ≤ 16 (dynamics.h)
};

enum class CallbackReturn { Continue, Abort };
using IterationCallback = std::function<CallbackReturn(const IterationSummary&)>;

// A solver bound to one problem. reset() loads the problem, step() advances one iteration and
// returns the termination state (Running while it may go on); solve() runs to the end.
class FixedPointSolver {
  public:
    virtual ~FixedPointSolver() = default;

    // Returns false (and sets the summary to InvalidInput with a message) if the model, x or
    // w0 do not fit. An empty w0 means zeros.
    bool reset(const Model& model, const Vector& x, const Vector& w0);
    Termination step();
    const SolverSummary& solve(const IterationCallback& callback = {});
    const SolverSummary& summary() const { return summary_; }
    const SolverOptions& options() const { return options_; }
    const Vector& current() const { return w_; }

  protected:
    explicit FixedPointSolver(const SolverOptions& options) : options_(options) {}

    // Compute the next iterate from w_ (with f_ = φ(w_) already known) into *next. A method
    // that already evaluated φ(next) (a line search) may leave it in *f_next to save a call;
    // otherwise it leaves *f_next empty. Returns false when the method cannot proceed.
    virtual bool advance(Vector* next, Vector* f_next) = 0;
    virtual void resetMethodState() {}

    // φ(w) with the precomputed drive; counts evaluations.
    Vector phi(const Vector& w);
    double residualNorm(const Vector& w, Vector* fw);  // ‖φ(w) − w‖ and φ(w)

    SolverOptions options_;
    Model model_;   // a copy: the solver never dangles if the caller edits its model
    Vector drive_;  // B x + c
    Vector w_;      // current iterate w_k
    Vector f_;      // φ(w_k)
    SolverSummary summary_;

  private:
    void record(double residual, const Vector& fw);
    Termination checkTermination();
    double start_ms_ = 0;
    double box_ = 1;      // b = max(1, ‖w₀‖_∞)
    int growth_run_ = 0;  // consecutive steps at which the residual grew
};

std::unique_ptr<FixedPointSolver> createSolver(const SolverOptions& options);

// Convenience: create, reset and solve in one call.
SolverSummary solveFixedPoint(const Model& model, const Vector& x, const Vector& w0,
                              const SolverOptions& options, const IterationCallback& cb = {});

}  // namespace equilab
