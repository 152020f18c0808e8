// equilab-cli continue: the branch of fixed points through a parameter, its stability and its
// bifurcations (core/analysis/continuation.h), and the period-2 branches born at flips.
#include "app/cli/cli_commands.h"

#include <cmath>

#include "app/cli/cli_common.h"
#include "app/cli/cli_param.h"
#include "core/analysis/continuation.h"
#include "core/analysis/periodic_orbit.h"
#include "core/internal/memory_estimate.h"

namespace equilab::cli {
namespace {

QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonArray complexJson(const ComplexVector& v) {
    QJsonArray a;
    for (Index i = 0; i < v.size(); ++i)
        a.append(QJsonArray{number(v(i).real()), number(v(i).imag())});
    return a;
}

QString criticalText(const SpecialPoint& sp) {
    const std::complex<double> l = sp.critical;
    if (sp.type == SpecialPointType::NeimarkSacker)
        return QStringLiteral("λ = %1 ± %2i (|λ| = %3, angle θ = %4)")
            .arg(l.real(), 0, 'g', 10)
            .arg(l.imag(), 0, 'g', 10)
            .arg(std::abs(l), 0, 'g', 10)
            .arg(std::arg(l), 0, 'g', 10);
    return QStringLiteral("λ = %1").arg(l.real(), 0, 'g', 10);
}

QString stability(const ContinuationPoint& pt) {
    return pt.marginal ? QStringLiteral("marginal")
           : pt.stable ? QStringLiteral("stable")
                       : QStringLiteral("unstable");
}

QString head(const Vector& w) {
    QStringList parts;
    for (Index i = 0; i < std::min<Index>(w.size(), 3); ++i) parts << QString::number(w(i), 'g', 6);
    if (w.size() > 3) parts << "…";
    return "(" + parts.join(", ") + ")";
}

// The branches and special points of several continuations, renumbered into one list.
struct Result {
    std::vector<ContinuationBranch> branches;
    std::vector<SpecialPoint> special;
    std::vector<QString> origin;  // of each branch
    int points = 0;
    QStringList notes;

    void add(const ContinuationSummary& s, const QString& from) {
        const int offset = static_cast<int>(branches.size());
        for (const ContinuationBranch& b : s.branches) {
            branches.push_back(b);
            origin.push_back(from);
        }
        for (SpecialPoint sp : s.special_points) {
            sp.branch += offset;
            special.push_back(sp);
        }
        points += s.points;
        if (s.termination == ContinuationTermination::StepTooSmall)
            notes << from + ": " + QString::fromStdString(s.message);
    }
};

}  // namespace

int runContinue(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "Pseudo-arclength continuation of the fixed points of w ↦ tanh(A w + B x + c) in one "
        "parameter, in both directions from the scenario's fixed point: stability of each point "
        "(multipliers of J = diag(1 − w²) A) and the fold (F, λ = +1), flip (PD, λ = −1), "
        "Neimark–Sacker (NS, |λ| = 1) and branch points (BP) on it, located to 1e-8; the "
        "period-2 branch of each flip is continued too.");
    addScenarioOption(p);
    addParamOptions(p);
    p.addOption({"max-points", "Points per direction of each branch (default 2000).", "N"});
    p.addOption({"max-step", "Largest arclength step (default 0.1).", "H"});
    p.addOption({"no-period-doubling", "Do not continue the period-2 branches born at flips."});
    p.addOption({"json", "Print one JSON object."});
    QString error;
    ScenarioFile file;
    if (!parseArgs(p, args, &error) || !loadScenario(p, &file, &error))
        return fail(kBadInput, error);
    Scenario& s = file.scenario;
    s.model = s.effectiveModel();
    ParamRange range;
    ContinuationOptions o;
    if (!readParamOptions(p, s, &range, &error) ||
        !optionInt(p, "max-points", 2, 100000, &o.max_points, &error) ||
        !optionDouble(p, "max-step", 1e-5, 10, &o.max_step, &error))
        return fail(kBadInput, error);
    o.p_min = range.from;
    o.p_max = range.to;
    o.initial_step = std::min(o.initial_step, o.max_step);
    o.min_step = std::min(o.min_step, o.initial_step);
    // Memory before work: each point keeps w, the tangent and n complex multipliers; a step
    // works on dense (n + 1)² matrices.
    const double n = static_cast<double>(s.hiddenDim());
    MemoryEstimate e;
    e.terms.push_back({"points 2·max_points·5n", 8.0 * 2 * o.max_points * 5 * n * 2});
    e.terms.push_back({"dense (n+1)² matrices", 8.0 * 8 * (n + 1) * (n + 1)});
    std::string why;
    if (!checkMemory(e, defaultMemoryLimit(), "the continuation", &why))
        return fail(kBadInput, QString::fromStdString(why));

    const ParameterFamily family =
        ParameterFamily::from(s.model, s.x, range.parameter, range.index);
    setActivity("continuing the fixed points in " + range.name);
    const ContinuationSummary fixed = continueFixedPoints(family, s.startingPoint(), o);
    if (fixed.termination == ContinuationTermination::Invalid)
        return fail(kBadInput, QString::fromStdString(fixed.message));
    if (fixed.termination == ContinuationTermination::StartFailed)
        return fail(kNumericalFailure, QString::fromStdString(fixed.message));
    Result r;
    r.add(fixed, "fixed points");
    if (!p.isSet("no-period-doubling"))
        for (const SpecialPoint& sp : fixed.special_points) {
            if (sp.type != SpecialPointType::Flip) continue;
            const QString from = QStringLiteral("period 2 from PD at %1").arg(sp.p, 0, 'g', 10);
            const ContinuationSummary two = continuePeriodDoubling(family, sp, o);
            if (two.termination == ContinuationTermination::StartFailed)
                r.notes << from + ": " + QString::fromStdString(two.message);
            else
                r.add(two, from);
        }

    if (p.isSet("json")) {
        QJsonArray branches;
        for (size_t b = 0; b < r.branches.size(); ++b) {
            QJsonArray points;
            for (const ContinuationPoint& pt : r.branches[b].points)
                points.append(QJsonObject{{"p", pt.p},
                                          {"w", toJson(pt.w)},
                                          {"radius", number(pt.radius)},
                                          {"stable", pt.stable},
                                          {"stability", stability(pt)},
                                          {"multipliers", complexJson(pt.multipliers)}});
            branches.append(QJsonObject{{"period", r.branches[b].period},
                                        {"direction", r.branches[b].direction},
                                        {"origin", r.origin[b]},
                                        {"points", points}});
        }
        QJsonArray special;
        for (const SpecialPoint& sp : r.special)
            special.append(
                QJsonObject{{"type", specialPointLabel(sp.type)},
                            {"name", QString::fromUtf8(specialPointName(sp.type))},
                            {"p", sp.p},
                            {"w", toJson(sp.w)},
                            {"period", sp.period},
                            {"branch", sp.branch},
                            {"critical", QJsonArray{sp.critical.real(), sp.critical.imag()}},
                            {"critical_modulus", std::abs(sp.critical)},
                            {"critical_angle", std::arg(sp.critical)}});
        printJson(QJsonObject{{"parameter", range.name},
                              {"from", range.from},
                              {"to", range.to},
                              {"start", fixed.p_start},
                              {"termination", toString(fixed.termination)},
                              {"message", QString::fromStdString(fixed.message)},
                              {"points", r.points},
                              {"notes", QJsonArray::fromStringList(r.notes)},
                              {"branches", branches},
                              {"special_points", special}});
        return kOk;
    }
    printLine(QStringLiteral("continuation of the fixed points in %1 ∈ [%2, %3] from %1 = %4: %5 "
                             "points on %6 branches, %7 special point(s)")
                  .arg(range.name)
                  .arg(range.from)
                  .arg(range.to)
                  .arg(fixed.p_start)
                  .arg(r.points)
                  .arg(r.branches.size())
                  .arg(r.special.size()));
    for (size_t b = 0; b < r.branches.size(); ++b) {
        const ContinuationBranch& br = r.branches[b];
        printLine(QStringLiteral("branch %1: %2, p %3 at the start, %4 points")
                      .arg(b + 1)
                      .arg(r.origin[b])
                      .arg(br.direction > 0 ? "increasing" : "decreasing")
                      .arg(br.points.size()));
        printLine(QStringLiteral("  %1  %2  %3  %4")
                      .arg("p", 14)
                      .arg(br.period == 1 ? "ρ(J)" : "ρ(M)", 12)
                      .arg("stability", -9)
                      .arg("w"));
        for (const ContinuationPoint& pt : br.points)
            printLine(QStringLiteral("  %1  %2  %3  %4")
                          .arg(pt.p, 14, 'f', 9)
                          .arg(pt.radius, 12, 'g', 6)
                          .arg(stability(pt), -9)
                          .arg(head(pt.w)));
    }
    printLine(QStringLiteral("special points: %1").arg(r.special.size()));
    for (const SpecialPoint& sp : r.special)
        printLine(QStringLiteral("  %1 (%2, period %3, branch %4): p = %5, %6, w = %7")
                      .arg(specialPointLabel(sp.type), -2)
                      .arg(QString::fromUtf8(specialPointName(sp.type)))
                      .arg(sp.period)
                      .arg(sp.branch + 1)
                      .arg(sp.p, 0, 'f', 10)
                      .arg(criticalText(sp))
                      .arg(head(sp.w)));
    for (const QString& note : r.notes) printLine("note: " + note);
    return kOk;
}

}  // namespace equilab::cli
