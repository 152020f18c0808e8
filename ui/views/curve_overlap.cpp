#include "ui/views/curve_overlap.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace equilab {

namespace {

bool plotted(const CurveValues& values, size_t k, size_t i) {
    if (i >= values[k].size()) return false;
    const double v = values[k][i];
    return v > 0 && std::isfinite(v);
}

}  // namespace

CurveOverlap curveOverlap(const CurveValues& values, size_t k) {
    if (k >= values.size()) return {};
    size_t points = 0;
    for (const auto& curve : values) points = std::max(points, curve.size());
    // The decades the plotted values span (at least one): "on the curve" is 1 % of them.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (size_t j = 0; j < values.size(); ++j)
        for (size_t i = 0; i < values[j].size(); ++i)
            if (plotted(values, j, i)) {
                lo = std::min(lo, std::log10(values[j][i]));
                hi = std::max(hi, std::log10(values[j][i]));
            }
    const double tolerance = 0.01 * std::max(1.0, hi - lo);
    CurveOverlap best;
    for (size_t j = 0; j < k; ++j) {
        int own = 0, on = 0;
        bool samePoints = true;
        for (size_t i = 0; i < points; ++i) {
            samePoints = samePoints && plotted(values, j, i) == plotted(values, k, i);
            if (!plotted(values, k, i)) continue;
            ++own;
            if (plotted(values, j, i) &&
                std::abs(std::log10(values[k][i]) - std::log10(values[j][i])) <= tolerance)
                ++on;
        }
        if (on == 0 || 2 * on < own) continue;
        if (samePoints && on == own) return {static_cast<int>(j), true};
        if (best.with < 0) best = {static_cast<int>(j), false};
    }
    return best;
}

void styleOverlap(QCPGraph* g, const CurveOverlap& on, const QString& otherName) {
    QPen pen = g->pen();
    QCPScatterStyle marker(QCPScatterStyle::ssDisc, 4);
    pen.setWidthF(2.0);
    pen.setStyle(Qt::SolidLine);
    if (on.with >= 0) {
        if (on.everywhere) g->setName(QStringLiteral("%1 (≈ %2)").arg(g->name(), otherName));
        // Thinner than the curve under it, so that curve shows on both sides of the dashes.
        pen.setWidthF(1.0);
        pen.setDashPattern({5, 3});
        marker = QCPScatterStyle(QCPScatterStyle::ssCircle, 9);
    }
    g->setPen(pen);
    g->setScatterStyle(marker);
}

}  // namespace equilab
