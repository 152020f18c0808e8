// Options shared by the training commands (hypergrad, hypergrad-sweep, train):
//   --dataset moons|circles|spirals|xor|blobs|mnist|csv:PATH   --samples N --noise S --classes C
//   --data-dir DIR (mnist) --label-column COL (csv) --hidden H --radius R --seed S
#pragma once

#include <QCommandLineParser>

#include "data_spec.h"

namespace equilab::cli {

struct DataOptions {
    DataSpec spec;
    int hidden = 20;
    double radius = 0.9;
    int seed = 0;
};

void addDataOptions(QCommandLineParser& p);
bool readDataOptions(const QCommandLineParser& p, DataOptions* out, QString* error);
// Loads or generates the data (core's loadTrainingData).
bool loadData(const DataOptions& o, DatasetSplit* out, QString* error);

}  // namespace equilab::cli
