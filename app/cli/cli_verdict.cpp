#include "app/cli/cli_verdict.h"

#include <QJsonArray>

#include <cstdio>

#include "app/cli/cli_common.h"

namespace equilab::cli {

void addDynamicsJson(const DynamicsSummary& d, QJsonObject* o) {
    o->insert("classification", QString::fromStdString(toString(d.kind)));
    o->insert("classification_text", QString::fromStdString(d.message));
    if (d.rate > 0) o->insert("rate", d.rate);
    if (d.kind == Dynamics::Sublinear) o->insert("power", d.power);
    if (d.lyapunov.valid()) {
        o->insert("lyapunov_exponent", d.lyapunov.exponent);
        o->insert("lyapunov_error", d.lyapunov.error);
        o->insert("lyapunov_steps", d.lyapunov.steps);
    }
    if (d.kind == Dynamics::Slow || d.kind == Dynamics::Sublinear) {
        o->insert("more_iterations", d.more_iterations);
        o->insert("suggested_max_iterations", d.suggested_cap);
    }
    if (d.kind == Dynamics::Periodic) {
        o->insert("period", d.period);
        o->insert("amplitude", d.amplitude);
        QJsonArray orbit;
        for (const Vector& p : d.orbit) orbit.append(toJson(p));
        o->insert("orbit", orbit);
    }
    if (d.kind == Dynamics::EscapedThenConverged) {
        o->insert("peak_residual", d.peak_residual);
        o->insert("peak_iteration", d.peak_iteration);
    }
}

QJsonObject fixedPointJson(const FixedPointReport& f) {
    QJsonObject o{{"found", f.found}, {"message", QString::fromStdString(f.message)}};
    if (!f.found) return o;
    o.insert("fixed_point", toJson(f.w));
    o.insert("residual", f.residual);
    o.insert("spectral_radius_J", f.rho_J);
    o.insert("stable", f.stable());
    o.insert("marginal", f.marginal());
    o.insert("source", QString::fromStdString(f.source));
    return o;
}

int dynamicsExitCode(const DynamicsSummary& d) {
    if (d.converged()) return kOk;
    std::fprintf(stderr, "equilab-cli: %s\n", d.message.c_str());
    return kNumericalFailure;
}

}  // namespace equilab::cli
