#include "core/analysis/orbit.h"

#include <algorithm>
#include <cmath>

#include "core/model/scenario.h"
#include "core/solvers/solver.h"

namespace equilab {

std::string orbitParameterName(OrbitParameter parameter, int index) {
    switch (parameter) {
        case OrbitParameter::ScaleA:
            return "scale";
        case OrbitParameter::DriveScale:
            return "drive";
        case OrbitParameter::EntryC:
            return "c[" + std::to_string(index + 1) + "]";  // entries count from 1
        case OrbitParameter::EntryX:
            return "x[" + std::to_string(index + 1) + "]";
    }
    return "scale";
}

bool parseOrbitParameter(const std::string& text, OrbitParameter* parameter, int* index) {
    *index = 0;
    if (text == "scale") {
        *parameter = OrbitParameter::ScaleA;
        return true;
    }
    if (text == "drive") {
        *parameter = OrbitParameter::DriveScale;
        return true;
    }
    if (text.size() < 4 || (text[0] != 'c' && text[0] != 'x') || text[1] != '[' ||
        text.back() != ']')
        return false;
    const std::string digits = text.substr(2, text.size() - 3);
    if (digits.empty() || digits.size() > 6 ||
        !std::all_of(digits.begin(), digits.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
        return false;
    *index = std::stoi(digits) - 1;  // c[1] is the first entry, as the window counts
    if (*index < 0) return false;
    *parameter = text[0] == 'c' ? OrbitParameter::EntryC : OrbitParameter::EntryX;
    return true;
}

bool parseOrbitSpec(const std::string& spec, OrbitOptions* options, std::string* error) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t i = 0; i <= spec.size(); ++i)
        if (i == spec.size() || spec[i] == ':') {
            parts.push_back(spec.substr(start, i - start));
            start = i + 1;
        }
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (parts.size() < 3 || parts.size() > 4)
        return fail("expected PARAM:FROM:TO[:COMPONENT], got \"" + spec + "\"");
    OrbitOptions o = *options;
    if (!parseOrbitParameter(parts[0], &o.parameter, &o.index)) {
        if (parts[0] == "c[0]" || parts[0] == "x[0]")
            return fail("\"" + parts[0] + "\": entries count from 1, as in the window (" +
                        parts[0].substr(0, 1) + "[1] is the first)");
        return fail("unknown parameter \"" + parts[0] +
                    "\" (expected scale, drive, c[i] or x[i], i counting from 1)");
    }
    auto number = [](const std::string& t, double* v) {
        try {
            size_t used = 0;
            *v = std::stod(t, &used);
            return used == t.size() && std::isfinite(*v);
        } catch (...) {
            return false;
        }
    };
    if (!number(parts[1], &o.p_min))
        return fail("range start \"" + parts[1] + "\" is not a number");
    if (!number(parts[2], &o.p_max)) return fail("range end \"" + parts[2] + "\" is not a number");
    if (parts.size() == 4) {
        double c = 0;
        if (!number(parts[3], &c) || c != std::floor(c) || c < 1 || c > 1e6)
            return fail("component \"" + parts[3] + "\" is not a positive whole number");
        o.component = static_cast<int>(c) - 1;
    }
    if (!o.IsValid(error)) return false;
    *options = o;
    return true;
}

bool OrbitOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (!std::isfinite(p_min) || !std::isfinite(p_max) || !(p_min < p_max))
        return fail("orbit range: need finite p_min < p_max");
    if (std::abs(p_min) > kMaxEntryMagnitude || std::abs(p_max) > kMaxEntryMagnitude)
        return fail("orbit range: |p| must be at most 1e6");
    if (count < 2 || count > 5000) return fail("orbit count: must be between 2 and 5000");
    if (burn_in < 0 || burn_in > 1000000)
        return fail("orbit burn-in: must be between 0 and 1000000");
    if (keep < 2 || keep > 10000) return fail("orbit keep: must be between 2 and 10000");
    if (max_period < 1 || max_period >= keep)
        return fail("orbit max period: must be between 1 and keep − 1");
    if (!(tolerance > 0) || !std::isfinite(tolerance))
        return fail("orbit tolerance: must be positive");
    if (!(tolerance_fixed > 0) || !std::isfinite(tolerance_fixed))
        return fail("orbit fixed-point tolerance: must be positive");
    if (index < 0) return fail("orbit parameter: entry index must be ≥ 0");
    if (component < 0) return fail("orbit component: must be ≥ 0");
    return true;
}

bool OrbitOptions::IsValidFor(const Model& model, std::string* error) const {
    if (!IsValid(error)) return false;
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (component >= model.hiddenDim())
        return fail("orbit component: w has " + std::to_string(model.hiddenDim()) +
                    " components, got index " + std::to_string(component));
    if (parameter == OrbitParameter::EntryC && index >= model.hiddenDim())
        return fail("orbit parameter: c has " + std::to_string(model.hiddenDim()) +
                    " entries, got c[" + std::to_string(index) + "]");
    if (parameter == OrbitParameter::EntryX && index >= model.inputDim())
        return fail("orbit parameter: x has " + std::to_string(model.inputDim()) +
                    " entries, got x[" + std::to_string(index) + "]");
    return true;
}

double OrbitOptions::parameterAt(int k) const {
    if (k == count - 1) return p_max;
    return p_min + (p_max - p_min) * static_cast<double>(k) / static_cast<double>(count - 1);
}

void applyOrbitParameter(const OrbitOptions& options, double p, const Model& model, const Vector& x,
                         Matrix* A, Vector* drive) {
    *A = model.A;
    switch (options.parameter) {
        case OrbitParameter::ScaleA:
            *A *= p;
            *drive = model.drive(x);
            break;
        case OrbitParameter::DriveScale:
            *drive = p * model.drive(x);
            break;
        case OrbitParameter::EntryC: {
            Model m = model;
            m.c(options.index) = p;
            *drive = m.drive(x);
            break;
        }
        case OrbitParameter::EntryX: {
            Vector xp = x;
            xp(options.index) = p;
            *drive = model.drive(xp);
            break;
        }
    }
}

int detectPeriod(const std::vector<Vector>& iterates, int max_period, double tolerance) {
    const int m = static_cast<int>(iterates.size());
    for (int q = 1; q <= max_period && q < m; ++q) {
        bool periodic = true;
        for (int j = q; j < m && periodic; ++j) {
            const double scale = std::max(1.0, iterates[j].cwiseAbs().maxCoeff());
            periodic = (iterates[j] - iterates[j - q]).cwiseAbs().maxCoeff() <= tolerance * scale;
        }
        if (periodic) return q;
    }
    return kOrbitAperiodic;
}

namespace {

// The burn-in as a Picard solve of w = tanh(A w + drive) from w0, capped at burn_in steps, and
// its classification. Leaves the last iterate in *w.
void burnIn(const Matrix& A, const Vector& drive, const OrbitOptions& options, Vector* w,
            OrbitColumn* col) {
    if (options.burn_in == 0) return;  // nothing run, nothing to classify
    Model m;
    m.A = A;
    m.B = Matrix::Zero(A.rows(), 1);
    m.c = drive;
    SolverOptions so;
    so.method = SolverMethod::Picard;
    so.tolerance = options.tolerance_fixed;
    so.max_iterations = options.burn_in;
    so.record_iterates = false;
    auto solver = createSolver(so);
    if (!solver->reset(m, Vector::Zero(1), *w)) return;  // verdict stays Invalid
    const SolverSummary& run = solver->solve();
    // λ₁ along at most as many further steps as the burn-in (the column's cost at most doubles).
    DynamicsOptions dopt;
    dopt.lyapunov_steps = std::clamp(options.burn_in, 8 * dopt.max_period, 2000);
    const DynamicsSummary verdict = classifyDynamics(m, Vector::Zero(1), run, so, dopt);
    col->verdict = verdict.kind;
    col->verdict_period = verdict.kind == Dynamics::Periodic ? verdict.period : 0;
    *w = run.fixed_point;
}

}  // namespace

std::string orbitVerdictName(Dynamics verdict, int period) {
    if (verdict == Dynamics::Periodic && period > 0)
        return toString(verdict) + " (" + std::to_string(period) + ")";
    return toString(verdict);
}

OrbitColumn computeOrbitColumn(const Model& model, const Vector& x, const Vector& w0,
                               const OrbitOptions& options, int k) {
    OrbitColumn col;
    col.index = k;
    col.p = options.parameterAt(k);
    Matrix A;
    Vector drive;
    applyOrbitParameter(options, col.p, model, x, &A, &drive);
    Vector w = w0.size() == model.hiddenDim() ? w0 : Vector::Zero(model.hiddenDim());
    burnIn(A, drive, options, &w, &col);
    Vector next(w.size());
    std::vector<Vector> kept;
    kept.reserve(options.keep);
    col.values.reserve(options.keep);
    for (int s = 0; s < options.keep; ++s) {
        next.noalias() = A * w;
        w = (next + drive).array().tanh().matrix();
        kept.push_back(w);
        col.values.push_back(w(options.component));
    }
    const bool finite =
        std::all_of(kept.begin(), kept.end(), [](const Vector& v) { return v.allFinite(); });
    col.period =
        finite ? detectPeriod(kept, options.max_period, options.tolerance) : kOrbitNonFinite;
    return col;
}

OrbitDiagram computeOrbitDiagram(const Model& model, const Vector& x, const Vector& w0,
                                 const OrbitOptions& options,
                                 const std::function<bool()>& cancelled) {
    OrbitDiagram d;
    d.options = options;
    for (int k = 0; k < options.count; ++k) {
        if (cancelled && cancelled()) return d;
        d.columns.push_back(computeOrbitColumn(model, x, w0, options, k));
    }
    d.complete = true;
    return d;
}

std::vector<OrbitTransition> OrbitDiagram::transitions() const {
    std::vector<OrbitTransition> out;
    for (size_t k = 1; k < columns.size(); ++k)
        if (columns[k].period != columns[k - 1].period)
            out.push_back(
                {columns[k - 1].p, columns[k].p, columns[k - 1].period, columns[k].period});
    return out;
}

std::vector<OrbitVerdictChange> OrbitDiagram::verdictChanges() const {
    auto same = [](const OrbitColumn& a, const OrbitColumn& b) {
        if (reachedFixedPoint(a.verdict) && reachedFixedPoint(b.verdict)) return true;
        return a.verdict == b.verdict && a.verdict_period == b.verdict_period;
    };
    std::vector<OrbitVerdictChange> out;
    for (size_t k = 1; k < columns.size(); ++k) {
        const OrbitColumn &a = columns[k - 1], &b = columns[k];
        if (!same(a, b))
            out.push_back({a.p, b.p, a.verdict, b.verdict, a.verdict_period, b.verdict_period});
    }
    return out;
}

size_t OrbitDiagram::pointCount() const {
    size_t n = 0;
    for (const auto& c : columns) n += c.values.size();
    return n;
}

std::vector<std::vector<int>> orbitStages(int count, int stride) {
    std::vector<std::vector<int>> stages;
    if (count <= 0) return stages;
    std::vector<bool> taken(count, false);
    for (int s = std::max(stride, 1);; s /= 2) {
        std::vector<int> stage;
        for (int k = 0; k < count; k += s)
            if (!taken[k]) stage.push_back(k);
        // The last column belongs to the first stage, so the whole range is drawn at once.
        if (stages.empty() && !taken[count - 1] && (stage.empty() || stage.back() != count - 1))
            stage.push_back(count - 1);
        for (int k : stage) taken[k] = true;
        if (!stage.empty()) stages.push_back(std::move(stage));
        if (s <= 1) break;
    }
    return stages;
}

}  // namespace equilab
