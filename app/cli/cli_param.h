// The continuation parameter of `continue` and `lyapunov`: --param scale|drive|c[i]|x[i] with i
// counted from 1 like the window, --from, --to (default: the scenario's own value ± 1).
#pragma once

#include <QCommandLineParser>
#include <QString>

#include "core/analysis/orbit.h"
#include "core/model/scenario.h"

namespace equilab::cli {

struct ParamRange {
    OrbitParameter parameter = OrbitParameter::ScaleA;
    int index = 0;  // 0-based entry of c or x
    QString name;   // as the user wrote it (1-based)
    double p0 = 1;  // the scenario's own value
    double from = 0, to = 2;
};

void addParamOptions(QCommandLineParser& parser);
// Reads --param, --from, --to for the scenario; false with a one-line *error (exit code 2).
bool readParamOptions(const QCommandLineParser& parser, const Scenario& s, ParamRange* out,
                      QString* error);

}  // namespace equilab::cli
