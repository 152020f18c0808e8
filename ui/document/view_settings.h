// Settings of the views that belong to a scenario (saved under "view" in its file).
#pragma once

#include <QJsonObject>

#include <vector>

namespace equilab {

struct ViewSettings {
    int phase_i = 0;  // components of the phase portrait (when not PCA)
    int phase_j = 1;
    bool phase_pca = true;   // first two principal components when n > 2
    int initial_points = 4;  // trajectories from w0 plus this many − 1 random starts
    double basin_lo = -1.5, basin_hi = 1.5;
    int basin_resolution = 61;
    double sweep_min = 0.05, sweep_max = 2.5;  // range of the scale s in s·A
    int sweep_count = 60;
    double speed = 15;  // animation, iterations per second
    // Starting points the user added in the phase plane (Shift-click), each a w of the
    // scenario's size at the time. View state: not on the undo stack, so they survive edits and
    // undo; the solve worker runs Picard from each with the rest (a start of another size than
    // the scenario's is ignored). At most kMaxStarts, each at most kMaxStartSize numbers.
    std::vector<std::vector<double>> starts;
    static constexpr int kMaxStarts = 16;
    static constexpr int kMaxStartSize = 100000;

    QJsonObject toJson() const;
    // Reads known keys, clamping to sane ranges; unknown keys are ignored.
    static ViewSettings fromJson(const QJsonObject& o);
    bool operator==(const ViewSettings& o) const { return toJson() == o.toJson(); }
};

}  // namespace equilab
