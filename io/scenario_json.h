// The scenario file: JSON, version 1. The one module that reads and writes it.
//
//   {"version": 1, "hidden_dim": n, "input_dim": d,
//    "A": [[…n…], …n rows], "B": [[…d…], …n rows], "c": […n], "x": […d], "w0": […n] (optional),
//    "solver": {"method": "picard", "tolerance": 1e-10, "max_iterations": 500, "damping": 0.5,
//               "memory": 5},
//    "parametrization": {"kind": "free", "radius": 0.99, "reflections": 0}}
//
// Keys this version does not know are kept in `extra` and written back unchanged, so files from
// newer versions of the program survive a round trip. Errors name the field (A[1][0], solver.
// tolerance, …) or, for malformed JSON, the line and column.
#pragma once

#include <QJsonObject>
#include <QString>

#include "core/model/scenario.h"

namespace equilab {

struct ScenarioFile {
    Scenario scenario;
    QJsonObject extra;  // unknown top-level keys, kept verbatim
    QJsonObject view;   // "view": settings of the GUI's views (opaque to this module)
};

constexpr int kScenarioVersion = 1;

bool parseScenario(const QByteArray& json, ScenarioFile* out, QString* error);
QByteArray serializeScenario(const ScenarioFile& file);

// File helpers. Saving goes through saveBytesAtomically (io/safe_file.h): the write completes or
// the old file is kept, and the error gives the OS's reason.
bool loadScenarioFile(const QString& path, ScenarioFile* out, QString* error);
bool saveScenarioFile(const QString& path, const ScenarioFile& file, QString* error);

}  // namespace equilab
