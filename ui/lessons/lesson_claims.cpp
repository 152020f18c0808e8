#include "ui/lessons/lesson_claims.h"

#include "ui/lessons/lesson_claims_bifurcation.h"
#include "ui/lessons/lesson_claims_training.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace equilab {
namespace {

using Obs = LessonObservation;

QVariant number(double v) {
    return std::isfinite(v) ? QVariant(v) : QVariant();
}

const SolverSummary* comparison(const Obs& o, SolverMethod m) {
    if (!o.analysis) return nullptr;
    for (const SolverSummary& s : o.analysis->comparison)
        if (s.method == m) return &s;
    return nullptr;
}

// The per-step factor of a geometric decay e_k ≈ C ρᵏ: exp of the least-squares slope of
// log e_k over the points above the round-off floor (1e-11 relative error).
double decayRate(const std::vector<int>& k, const std::vector<double>& e) {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (size_t i = 0; i < e.size() && i < k.size(); ++i) {
        if (!(e[i] > 1e-11) || !std::isfinite(e[i])) break;
        const double x = k[i], y = std::log(e[i]);
        sx += x, sy += y, sxx += x * x, sxy += x * y;
        ++m;
    }
    if (m < 3) return std::nan("");
    return std::exp((m * sxy - sx * sy) / (m * sxx - sx * sx));
}

// The smallest p ≤ 16 with ‖w_K − w_{K−p}‖ ≤ 1e-6 (1 + ‖w_K‖) over the last iterates: 1 for a
// fixed point, 2 for a 2-cycle; 0 when the tail repeats with no period that short.
double tailPeriod(const SolverSummary& s) {
    const auto& it = s.iterates;
    if (it.size() < 3) return 0;
    const Vector& last = it.back();
    for (size_t p = 1; p <= 16 && p < it.size(); ++p)
        if ((last - it[it.size() - 1 - p]).norm() <= 1e-6 * (1 + last.norm()))
            return static_cast<double>(p);
    return 0;
}

QList<LessonQuantity> buildTable() {
    QList<LessonQuantity> t;
    auto add = [&t](const QString& name, const QString& what,
                    std::function<QVariant(const Obs&)> f) {
        t.append({name, what, std::move(f)});
    };
    auto solve = [](std::function<QVariant(const SolveResult&)> f) {
        return [f](const Obs& o) { return o.solve ? f(*o.solve) : QVariant(); };
    };
    // The primary solve (the Solver dock's method).
    add("method", "the primary solver's name", solve([](const SolveResult& r) {
            return QVariant(QString::fromStdString(toString(r.summary.method)));
        }));
    add("converged", "whether the primary solve converged",
        solve([](const SolveResult& r) { return QVariant(r.summary.converged()); }));
    add("termination", "how the primary solve ended", solve([](const SolveResult& r) {
            return QVariant(QString::fromStdString(toString(r.summary.termination)));
        }));
    add("iterations", "iterations of the primary solve",
        solve([](const SolveResult& r) { return QVariant(r.summary.iterations); }));
    add("rate", "observed rate of the primary solve (geometric mean of the last residual ratios)",
        solve([](const SolveResult& r) { return number(r.summary.observedRate()); }));
    add("residual", "final residual of the primary solve",
        solve([](const SolveResult& r) { return number(r.summary.finalResidual()); }));
    add("period",
        "period of the tail of the primary iterates (1: fixed point, 2: 2-cycle, 0: none ≤ 16)",
        solve([](const SolveResult& r) { return QVariant(tailPeriod(r.summary)); }));
    add("residual_never_falls",
        "every residual of the primary solve is at least the one before (r_{k+1} ≥ r_k)",
        solve([](const SolveResult& r) {
            const auto& res = r.summary.residuals;
            if (res.size() < 2) return QVariant();
            for (size_t k = 1; k < res.size(); ++k)
                if (!(res[k] >= res[k - 1])) return QVariant(false);
            return QVariant(true);
        }));
    add("gap_iterations", "(1 − ‖A‖₂)·iterations: constant when the count grows like 1/(1 − q)",
        solve([](const SolveResult& r) {
            return number((1 - r.certificate.A.norm) * r.summary.iterations);
        }));
    add("banach_bound_holds", "every residual r_k ≤ qᵏ r₀/(1 − q), the dashed line (q = ‖A‖₂ < 1)",
        solve([](const SolveResult& r) {
            const double q = r.certificate.contraction_bound;
            const auto& res = r.summary.residuals;
            if (!(q < 1) || res.empty()) return QVariant();
            for (size_t k = 0; k < res.size(); ++k)
                if (res[k] > res.front() * std::pow(q, double(k)) / (1 - q) * (1 + 1e-12))
                    return QVariant(false);
            return QVariant(true);
        }));
    // The certificate.
    add("normA", "‖A‖₂", solve([](const SolveResult& r) { return number(r.certificate.A.norm); }));
    add("rhoA", "ρ(A)",
        solve([](const SolveResult& r) { return number(r.certificate.A.spectral_radius); }));
    add("normJ", "‖J‖₂ at the end point",
        solve([](const SolveResult& r) { return number(r.certificate.J.norm); }));
    add("rhoJ", "ρ(J) at the true fixed point w* (Newton's when Picard did not converge)",
        solve([](const SolveResult& r) { return number(r.certificate.J.spectral_radius); }));
    add("q", "the contraction bound q = ‖A‖₂",
        solve([](const SolveResult& r) { return number(r.certificate.contraction_bound); }));
    add("predicted_iterations", "Banach's a-priori iteration count (−1 when q ≥ 1)",
        solve([](const SolveResult& r) { return QVariant(r.certificate.predicted_iterations); }));
    add("classification",
        "what the primary run did, by core's classifier (converged, escaped-then-converged, slow, "
        "sublinear, periodic, chaotic, quasi-periodic, divergent, undetermined)",
        solve([](const SolveResult& r) {
            return QVariant(QString::fromStdString(toString(r.dynamics.kind)));
        }));
    add("classification.period", "the period the classifier found (0 when not periodic)",
        solve([](const SolveResult& r) { return QVariant(r.dynamics.period); }));
    add("classification.lyapunov",
        "the largest Lyapunov exponent along the orbit, when the classifier computed it",
        solve([](const SolveResult& r) {
            return r.dynamics.lyapunov.valid() ? number(r.dynamics.lyapunov.exponent) : QVariant();
        }));
    add("verdict",
        "the certificate's verdict (contractive, locally_convergent, unstable_fixed_point, "
        "no_fixed_point_found)",
        solve([](const SolveResult& r) {
            return QVariant(QString::fromStdString(toString(r.certificate.verdict)));
        }));
    add("eigA.complex", "whether A has a non-real eigenvalue", solve([](const SolveResult& r) {
            const ComplexVector& ev = r.certificate.A.eigenvalues;
            for (Index i = 0; i < ev.size(); ++i)
                if (std::abs(ev(i).imag()) > 1e-12) return QVariant(true);
            return QVariant(false);
        }));
    add("eigA.min_real", "the smallest real part of A's eigenvalues",
        solve([](const SolveResult& r) {
            const ComplexVector& ev = r.certificate.A.eigenvalues;
            if (ev.size() == 0) return QVariant();
            double m = ev(0).real();
            for (Index i = 1; i < ev.size(); ++i) m = std::min(m, ev(i).real());
            return number(m);
        }));
    add("hidden", "the hidden dimension n", solve([](const SolveResult& r) {
            return QVariant(static_cast<int>(r.scenario.hiddenDim()));
        }));
    // Every solver on the same problem (the analysis).
    for (SolverMethod m : allSolverMethods()) {
        const QString p = QString::fromStdString(toString(m));
        add(p + ".converged", "whether " + p + " converged", [m](const Obs& o) {
            const SolverSummary* s = comparison(o, m);
            return s ? QVariant(s->converged()) : QVariant();
        });
        add(p + ".iterations", "iterations of " + p, [m](const Obs& o) {
            const SolverSummary* s = comparison(o, m);
            return s ? QVariant(s->iterations) : QVariant();
        });
        add(p + ".rate", "observed rate of " + p, [m](const Obs& o) {
            const SolverSummary* s = comparison(o, m);
            return s ? number(s->observedRate()) : QVariant();
        });
    }
    add("basins.converged_fraction", "fraction of the basin grid's starts that converge",
        [](const Obs& o) {
            if (!o.analysis || o.analysis->basins.iterations.empty()) return QVariant();
            const auto& it = o.analysis->basins.iterations;
            return QVariant(static_cast<double>(
                                std::count_if(it.begin(), it.end(), [](int i) { return i >= 0; })) /
                            static_cast<double>(it.size()));
        });
    add("sweep.unit_at", "the scale s with s‖A‖₂ = 1",
        [](const Obs& o) { return o.analysis ? number(o.analysis->sweep.unit_at) : QVariant(); });
    add("sweep.breaks_at", "the first scale s of the sweep's grid where Picard stops converging",
        [](const Obs& o) { return o.analysis ? number(o.analysis->sweep.breaks_at) : QVariant(); });
    add("sweep.break_bisected",
        "the scale s where Picard stops converging, by bisection to 1e-3 (the midpoint of the "
        "last converging and the first failing s)",
        [](const Obs& o) {
            return o.analysis
                       ? number(0.5 * (o.analysis->sweep.break_low + o.analysis->sweep.break_high))
                       : QVariant();
        });
    add("sweep.break_norm", "‖A‖₂ at the bisected break point (s·‖A‖₂)", [](const Obs& o) {
        if (!o.analysis || !o.solve) return QVariant();
        const double s = 0.5 * (o.analysis->sweep.break_low + o.analysis->sweep.break_high);
        return number(s * o.solve->certificate.A.norm);
    });
    // The hypergradient sweep.
    add("hypergrad.q", "q = ‖A‖₂ of the hypergradient view's model", [](const Obs& o) {
        return o.hypergrad ? number(o.hypergrad->contraction_bound) : QVariant();
    });
    add("hypergrad.max_iterations", "the largest T = K of the hypergradient sweep",
        [](const Obs& o) {
            return o.hypergrad && !o.hypergrad->iterations.empty()
                       ? QVariant(o.hypergrad->iterations.back())
                       : QVariant();
        });
    for (HypergradMethod m :
         {HypergradMethod::Itd, HypergradMethod::AidFp, HypergradMethod::AidCg}) {
        QString p = QString::fromStdString(toString(m));
        p.replace('-', '_');
        add("hypergrad." + p + ".rate", "per-step decay factor of " + p + "'s relative error",
            [m](const Obs& o) {
                return o.hypergrad
                           ? number(decayRate(o.hypergrad->iterations, o.hypergrad->errors(m)))
                           : QVariant();
            });
        add("hypergrad." + p + ".final_error", "relative error of " + p + " at the largest T = K",
            [m](const Obs& o) {
                if (!o.hypergrad || o.hypergrad->errors(m).empty()) return QVariant();
                return number(o.hypergrad->errors(m).back());
            });
    }
    addTrainingQuantities(&t);
    addBifurcationQuantities(&t);
    return t;
}

bool isNumber(const QVariant& v) {
    return v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Int ||
           v.typeId() == QMetaType::LongLong;
}

// v rounded to `sig` significant digits.
double roundSig(double v, int sig) {
    if (v == 0 || !std::isfinite(v)) return v;
    const double scale =
        std::pow(10.0, sig - 1 - static_cast<int>(std::floor(std::log10(std::abs(v)))));
    return std::round(v * scale) / scale;
}

}  // namespace

const QList<LessonQuantity>& lessonQuantities() {
    static const QList<LessonQuantity> table = buildTable();
    return table;
}

const LessonQuantity* findLessonQuantity(const QString& name) {
    for (const LessonQuantity& q : lessonQuantities())
        if (q.name == name) return &q;
    return nullptr;
}

QString formatQuantity(const QVariant& value, int digits) {
    QString s = formatQuantityAscii(value, digits);
    if (s.startsWith('-')) s.replace(0, 1, QChar(0x2212));  // a real minus sign in texts
    return s;
}

QString formatQuantityAscii(const QVariant& value, int digits) {
    if (!value.isValid()) return QStringLiteral("…");
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong)
        return QString::number(value.toLongLong());
    if (!isNumber(value)) return value.toString();
    const double v = value.toDouble();
    if (v == std::round(v) && std::abs(v) < 1e6) return QString::number(static_cast<long long>(v));
    const double a = std::abs(v);
    if (a >= 1e-3 && a < 1e6) {
        const int decimals = std::max(0, digits - 1 - static_cast<int>(std::floor(std::log10(a))));
        return QString::number(roundSig(v, digits), 'f', decimals);
    }
    return QString::number(v, 'g', digits);
}

QString LessonClaim::describe() const {
    QStringList parts;
    auto num = [this](const char* key) { return spec.value(key).toVariant().toString(); };
    if (spec.contains("equals")) {
        QString e = spec.value("equals").toVariant().toString();
        if (spec.contains("sig"))
            e += QStringLiteral(" (to %1 significant digits)").arg(spec.value("sig").toInt());
        if (spec.contains("tol") && !spec.contains("near"))
            e += QStringLiteral(" ± %1").arg(num("tol"));
        parts << QStringLiteral("= %1").arg(e);
    }
    if (spec.contains("in")) {
        QStringList words;
        for (const QJsonValue& v : spec.value("in").toArray()) words << v.toVariant().toString();
        parts << QStringLiteral("∈ {%1}").arg(words.join(", "));
    }
    if (spec.contains("min")) parts << QStringLiteral("≥ %1").arg(num("min"));
    if (spec.contains("max")) parts << QStringLiteral("≤ %1").arg(num("max"));
    if (spec.contains("near"))
        parts << QStringLiteral("within %1 of %2").arg(num("tol"), num("near"));
    return quantity + ' ' + parts.join(QStringLiteral(" and "));
}

bool parseClaims(const QJsonArray& array, QList<LessonClaim>* out, QString* error) {
    out->clear();
    for (int i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        LessonClaim c;
        c.quantity = o.value("quantity").toString();
        c.spec = o;
        auto fail = [&](const QString& why) {
            if (error) *error = QStringLiteral("claim %1 (%2): %3").arg(i + 1).arg(c.quantity, why);
            return false;
        };
        if (!findLessonQuantity(c.quantity)) return fail(QStringLiteral("unknown quantity"));
        if (!o.contains("equals") && !o.contains("in") && !o.contains("min") &&
            !o.contains("max") && !o.contains("near"))
            return fail(QStringLiteral("no comparison (equals, in, min, max or near)"));
        if (o.contains("near") && !o.contains("tol"))
            return fail(QStringLiteral("\"near\" needs \"tol\""));
        out->append(c);
    }
    return true;
}

ClaimResult checkClaim(const LessonClaim& claim, const LessonObservation& obs) {
    ClaimResult r;
    const LessonQuantity* q = findLessonQuantity(claim.quantity);
    const QVariant v = q ? q->value(obs) : QVariant();
    const QJsonObject& s = claim.spec;
    bool ok = v.isValid();
    if (ok && s.contains("equals")) {
        const QJsonValue e = s.value("equals");
        if (e.isBool()) {
            ok = v.typeId() == QMetaType::Bool && v.toBool() == e.toBool();
        } else if (e.isString()) {
            ok = v.toString() == e.toString();
        } else if (isNumber(v)) {
            const double x = v.toDouble(), want = e.toDouble();
            if (s.contains("sig"))
                ok = roundSig(x, s.value("sig").toInt()) == roundSig(want, s.value("sig").toInt());
            else if (s.contains("tol"))
                ok = std::abs(x - want) <= s.value("tol").toDouble();
            else
                ok = x == want;
        } else {
            ok = false;
        }
    }
    if (ok && s.contains("in")) {
        bool found = false;
        for (const QJsonValue& w : s.value("in").toArray())
            found |= v.toString() == w.toVariant().toString();
        ok = found;
    }
    if (ok && (s.contains("min") || s.contains("max") || s.contains("near"))) {
        ok = isNumber(v);
        const double x = v.toDouble();
        if (ok && s.contains("min")) ok = x >= s.value("min").toDouble();
        if (ok && s.contains("max")) ok = x <= s.value("max").toDouble();
        if (ok && s.contains("near"))
            ok = std::abs(x - s.value("near").toDouble()) <= s.value("tol").toDouble();
    }
    r.ok = ok;
    r.expected = claim.describe();
    r.measured = v.isValid() ? formatQuantityAscii(v, 6) : QStringLiteral("not available");
    r.message = QStringLiteral("%1 = %2 (claim: %3): %4")
                    .arg(claim.quantity, r.measured, r.expected,
                         ok ? QStringLiteral("ok") : QStringLiteral("FAILS"));
    return r;
}

namespace {
// Quantities of the analysis (every solver, the basins, the scale sweep); the others of the
// primary solve and its certificate read only the first two stages.
bool readsAnalysis(const QString& name) {
    for (SolverMethod m : allSolverMethods())
        if (name.startsWith(QString::fromStdString(toString(m)) + '.')) return true;
    return name.startsWith("basins.") || name.startsWith("sweep.");
}
}  // namespace

QStringList claimNeeds(const QList<LessonClaim>& claims) {
    QStringList needs{QStringLiteral("solve")};
    for (const LessonClaim& c : claims) {
        const QString part =
            c.quantity.startsWith("hypergrad.")  ? QStringLiteral("hypergrad")
            : c.quantity.startsWith("training.") ? QStringLiteral("training")
            : c.quantity.startsWith("bifurcation.") || c.quantity.startsWith("lyapunov.")
                ? QStringLiteral("bifurcation")
            : readsAnalysis(c.quantity) ? QStringLiteral("analysis")
                                        : QStringLiteral("solve");
        if (!needs.contains(part)) needs << part;
    }
    return needs;
}

namespace {
const QRegularExpression& placeholderRe() {
    static const QRegularExpression re(
        QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*(?::\\s*(\\d+)\\s*)?\\}\\}"));
    return re;
}
}  // namespace

QString fillPlaceholders(const QString& text, const LessonObservation& obs, QStringList* unknown) {
    QString out;
    qsizetype at = 0;
    auto it = placeholderRe().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(at, m.capturedStart() - at);
        const LessonQuantity* q = findLessonQuantity(m.captured(1));
        if (!q) {
            if (unknown) unknown->append(m.captured(1));
            out += m.captured(0);
        } else {
            out +=
                formatQuantity(q->value(obs), m.captured(2).isEmpty() ? 3 : m.captured(2).toInt());
        }
        at = m.capturedEnd();
    }
    return out + text.mid(at);
}

QStringList placeholderNames(const QString& text) {
    QStringList names;
    auto it = placeholderRe().globalMatch(text);
    while (it.hasNext()) names << it.next().captured(1);
    return names;
}

}  // namespace equilab
