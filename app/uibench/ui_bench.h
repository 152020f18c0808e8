// The UI benchmark's replay (see main_uibench.cpp for what it measures).
#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QString>

namespace equilab {

struct UiBenchOptions {
    QString scenario;  // a file to open; empty: a random scenario of hidden × input
    int hidden = 2000;
    int input = 100;
    int edits = 20;        // cell edits replayed
    int sliderSteps = 20;  // positions of the slider drag, 16 ms apart
    bool IsValid(QString* error) const;
};

// Opens the window, replays the edits and returns the measurements (times in ms, memory in MB).
// `launch` was started when the process began.
QJsonObject runUiBench(const UiBenchOptions& options, const QElapsedTimer& launch);

}  // namespace equilab
