#include "ui/lessons/lesson_claims_bifurcation.h"

#include <algorithm>
#include <cmath>
#include <complex>

#include "ui/workers/bifurcation_worker.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

void addBifurcationQuantities(QList<LessonQuantity>* table) {
    using Obs = LessonObservation;
    auto add = [table](const QString& name, const QString& what,
                       std::function<QVariant(const Obs&)> f) {
        table->append({name, what, std::move(f)});
    };
    // Special points of one type on the fixed-point branches (period 1), by increasing p.
    auto ofType = [](const Obs& o, SpecialPointType type) {
        std::vector<const SpecialPoint*> out;
        if (!o.bifurcation) return out;
        for (const SpecialPoint& s : o.bifurcation->specials)
            if (s.type == type && s.period == 1) out.push_back(&s);
        std::sort(out.begin(), out.end(),
                  [](const SpecialPoint* a, const SpecialPoint* b) { return a->p < b->p; });
        return out;
    };
    for (SpecialPointType type : {SpecialPointType::Fold, SpecialPointType::Flip,
                                  SpecialPointType::NeimarkSacker, SpecialPointType::BranchPoint}) {
        const QString label = QString::fromLatin1(specialPointLabel(type));
        // "fold point", …, "branch point" (not "branch point point").
        QString what = QString::fromUtf8(specialPointName(type));
        if (!what.endsWith(QLatin1String("point"))) what += QLatin1String(" point");
        add("bifurcation." + label + ".count",
            "the number of " + what + "s on the fixed-point branches (Bifurcation view)",
            [ofType, type](const Obs& o) {
                return o.bifurcation ? QVariant(static_cast<int>(ofType(o, type).size()))
                                     : QVariant();
            });
        add("bifurcation." + label + ".first",
            "the parameter value of the first (smallest) " + what, [ofType, type](const Obs& o) {
                const auto s = ofType(o, type);
                return s.empty() ? QVariant() : QVariant(s.front()->p);
            });
    }
    add("bifurcation.NS.angle",
        "the angle θ (rad) of the first Neimark–Sacker point's critical multiplier e^{iθ}",
        [ofType](const Obs& o) {
            const auto s = ofType(o, SpecialPointType::NeimarkSacker);
            return s.empty() ? QVariant() : QVariant(std::arg(s.front()->critical));
        });
    add("fixed_point.w1", "w₁ of the primary solve's fixed point (when it converged)",
        [](const Obs& o) {
            if (!o.solve || !o.solve->summary.converged() ||
                o.solve->summary.fixed_point.size() < 1)
                return QVariant();
            return QVariant(o.solve->summary.fixed_point(0));
        });
    add("lyapunov.max", "the largest λ₁ over the Bifurcation view's parameter range",
        [](const Obs& o) {
            if (!o.bifurcation || o.bifurcation->lyapunov.empty()) return QVariant();
            double m = -INFINITY;
            for (const LyapunovColumn& c : o.bifurcation->lyapunov)
                if (!c.spectrum.exponents.empty()) m = std::max(m, c.spectrum.exponents[0]);
            return std::isfinite(m) ? QVariant(m) : QVariant();
        });
}

}  // namespace equilab
