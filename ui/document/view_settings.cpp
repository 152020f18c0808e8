#include "ui/document/view_settings.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace equilab {

QJsonObject ViewSettings::toJson() const {
    QJsonObject o{{"phase_i", phase_i},
                  {"phase_j", phase_j},
                  {"phase_pca", phase_pca},
                  {"initial_points", initial_points},
                  {"basin_lo", basin_lo},
                  {"basin_hi", basin_hi},
                  {"basin_resolution", basin_resolution},
                  {"sweep_min", sweep_min},
                  {"sweep_max", sweep_max},
                  {"sweep_count", sweep_count},
                  {"speed", speed}};
    if (!starts.empty()) {  // absent when there are none: files without starts are unchanged
        QJsonArray all;
        for (const std::vector<double>& w : starts) {
            QJsonArray a;
            for (double v : w) a.append(v);
            all.append(a);
        }
        o["starts"] = all;
    }
    return o;
}

ViewSettings ViewSettings::fromJson(const QJsonObject& o) {
    ViewSettings v;
    v.phase_i = std::clamp(o.value("phase_i").toInt(v.phase_i), 0, 100000);
    v.phase_j = std::clamp(o.value("phase_j").toInt(v.phase_j), 0, 100000);
    v.phase_pca = o.value("phase_pca").toBool(v.phase_pca);
    v.initial_points = std::clamp(o.value("initial_points").toInt(v.initial_points), 1, 20);
    v.basin_lo = std::clamp(o.value("basin_lo").toDouble(v.basin_lo), -100.0, 100.0);
    v.basin_hi = std::clamp(o.value("basin_hi").toDouble(v.basin_hi), -100.0, 100.0);
    if (!(v.basin_hi > v.basin_lo)) std::swap(v.basin_lo, v.basin_hi);
    if (!(v.basin_hi > v.basin_lo)) v.basin_hi = v.basin_lo + 1;
    v.basin_resolution = std::clamp(o.value("basin_resolution").toInt(v.basin_resolution), 2, 400);
    v.sweep_min = std::clamp(o.value("sweep_min").toDouble(v.sweep_min), 0.0, 100.0);
    v.sweep_max = std::clamp(o.value("sweep_max").toDouble(v.sweep_max), 0.0, 100.0);
    if (!(v.sweep_max > v.sweep_min)) v.sweep_max = v.sweep_min + 1;
    v.sweep_count = std::clamp(o.value("sweep_count").toInt(v.sweep_count), 2, 1000);
    v.speed = std::clamp(o.value("speed").toDouble(v.speed), 0.5, 1000.0);
    // Sizes checked before anything is copied; a start with a non-number is dropped.
    const QJsonArray all = o.value("starts").toArray();
    for (qsizetype i = 0; i < all.size() && int(v.starts.size()) < kMaxStarts; ++i) {
        const QJsonArray a = all.at(i).toArray();
        if (a.isEmpty() || a.size() > kMaxStartSize) continue;
        std::vector<double> w;
        w.reserve(size_t(a.size()));
        for (const QJsonValue& x : a)
            if (x.isDouble() && std::isfinite(x.toDouble())) w.push_back(x.toDouble());
        if (w.size() == size_t(a.size())) v.starts.push_back(std::move(w));
    }
    return v;
}

}  // namespace equilab
