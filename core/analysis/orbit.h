// Orbit (bifurcation) diagram of Picard iteration w_{k+1} = tanh(A w_k + B x + c).
//
// For each value p of one parameter — the scale s of A (A ← s·A), the drive scale (B x + c ←
// p·(B x + c)), one entry c_i ← p or one entry x_i ← p — Picard runs from w0 for burn_in steps,
// then the next `keep` iterates of one component are recorded. A stable fixed point shows as one
// value per column, a 2-cycle as two, a period-doubling cascade or a chaotic band as more.
//
// Each column is also classified by the period of its kept iterates: the smallest q ≤ max_period
// with ‖w_j − w_{j−q}‖∞ ≤ tolerance·max(1, ‖w_j‖∞) for every kept j ≥ q (period 1 is a fixed
// point). No such q means aperiodic (quasi-periodic, chaotic, or still transient). Transitions
// are the places where the class of neighbouring columns differs.
//
// The burn-in is a Picard run of the fixed-point solver (tolerance `tolerance_fixed`, cap
// burn_in), and each column also carries the verdict of the dynamics classifier (dynamics.h,
// classifyDynamics) on that run: converged, slow, periodic (with its period), no-pattern,
// divergent. verdictChanges() lists where neighbouring columns' verdicts differ; these are the
// marks the window draws. A run that converges stops early and the kept iterates continue from
// its last iterate, so a converged column costs fewer than burn_in + keep steps.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/analysis/dynamics.h"
#include "core/model/model.h"

namespace equilab {

enum class OrbitParameter { ScaleA, DriveScale, EntryC, EntryX };

// "scale", "drive", "c[i]", "x[i]": i counts from 1 as in the window (index 0 is "c[1]").
std::string orbitParameterName(OrbitParameter parameter, int index);
// Parses the names above into a 0-based *index; false on anything else, "c[0]" included (index
// not range-checked here).
bool parseOrbitParameter(const std::string& text, OrbitParameter* parameter, int* index);

struct OrbitOptions;
// "PARAM:FROM:TO" or "PARAM:FROM:TO:COMPONENT" (component 1-based), e.g. "scale:0.05:2.5",
// "c[0]:-3:3:2". Sets parameter, index, range and component of *options; false with *error
// naming the part that is wrong (options unchanged).
bool parseOrbitSpec(const std::string& spec, OrbitOptions* options, std::string* error);

struct OrbitOptions {
    OrbitParameter parameter = OrbitParameter::ScaleA;
    int index = 0;        // entry of c or x (EntryC, EntryX)
    double p_min = 0.05;  // parameter range, p_min < p_max
    double p_max = 2.5;
    int count = 200;                 // columns, ≥ 2
    int burn_in = 500;               // Picard steps discarded before recording
    int keep = 64;                   // iterates recorded per column (M), ≥ 2
    int component = 0;               // which w_i is plotted
    int max_period = 16;             // longest period the classification looks for
    double tolerance = 1e-6;         // of the period test (relative, ∞-norm)
    double tolerance_fixed = 1e-10;  // of the burn-in's fixed-point run (SolverOptions::tolerance)

    bool IsValid(std::string* error) const;
    // IsValid and the index and component fit the model (n hidden, d inputs).
    bool IsValidFor(const Model& model, std::string* error) const;
    // The p of column k: p_min + k (p_max − p_min)/(count − 1).
    double parameterAt(int k) const;
};

// Period of a column: ≥ 1, or one of these.
constexpr int kOrbitAperiodic = 0;   // no period ≤ max_period
constexpr int kOrbitNonFinite = -1;  // an iterate became NaN or ±Inf

struct OrbitColumn {
    int index = -1;  // column k
    double p = 0;
    std::vector<double> values;  // the kept iterates of the chosen component
    int period = kOrbitAperiodic;
    Dynamics verdict = Dynamics::Invalid;  // the classifier's label of the burn-in run
    int verdict_period = 0;                // its period when verdict is Periodic
};

// "converged", "slow", "periodic (2)", … : the classifier's name with the period when periodic.
std::string orbitVerdictName(Dynamics verdict, int period);

struct OrbitVerdictChange {
    double p_left = 0, p_right = 0;  // neighbouring columns whose verdicts differ
    Dynamics from = Dynamics::Invalid, to = Dynamics::Invalid;
    int from_period = 0, to_period = 0;  // periods when Periodic
};

struct OrbitTransition {
    double p_left = 0, p_right = 0;  // neighbouring columns whose classes differ
    int from = 0, to = 0;            // their periods
};

struct OrbitDiagram {
    OrbitOptions options;
    std::vector<OrbitColumn> columns;  // sorted by index; may be partial while computing
    bool complete = false;

    // Transitions between consecutive computed columns (gaps in the index are skipped over).
    std::vector<OrbitTransition> transitions() const;
    // Where the classifier's verdict (with the period for periodic runs) of consecutive computed
    // columns differs. Converged and escaped-then-converged count as one verdict (both end at a
    // fixed point).
    std::vector<OrbitVerdictChange> verdictChanges() const;
    size_t pointCount() const;
};

// The model and drive with the parameter set to p (A scaled, drive scaled or one entry set).
void applyOrbitParameter(const OrbitOptions& options, double p, const Model& model, const Vector& x,
                         Matrix* A, Vector* drive);

// Smallest period q ≤ max_period of the iterates (columns of `iterates`, oldest first), as
// described above; kOrbitAperiodic if none.
int detectPeriod(const std::vector<Vector>& iterates, int max_period, double tolerance);

// One column. Requires options.IsValidFor(model).
OrbitColumn computeOrbitColumn(const Model& model, const Vector& x, const Vector& w0,
                               const OrbitOptions& options, int k);

// Every column in index order; stops early (complete = false) when cancelled() returns true.
OrbitDiagram computeOrbitDiagram(const Model& model, const Vector& x, const Vector& w0,
                                 const OrbitOptions& options,
                                 const std::function<bool()>& cancelled = {});

// Column indices in coarse-to-fine stages: first every `stride`-th column, then the columns
// halfway between, … down to stride 1; each index appears once.
std::vector<std::vector<int>> orbitStages(int count, int stride = 8);

}  // namespace equilab
