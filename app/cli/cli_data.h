// Options shared by the training commands (hypergrad, hypergrad-sweep, train):
//   --dataset moons|circles|spirals|xor|blobs|mnist|csv:PATH   --samples N --noise S --classes C
//   --data-dir DIR (mnist) --label-column COL (csv) --hidden H --radius R --seed S
#pragma once

#include <QCommandLineParser>

#include "dataset.h"
#include "hypergradient.h"

namespace equilab::cli {

struct DataOptions {
    QString dataset = "moons";
    int samples = 400;
    double noise = 0.1;
    int classes = 2;
    QString dataDir = "data/mnist";
    QString labelColumn;
    int hidden = 20;
    double radius = 0.9;
    int seed = 0;
    bool samplesSet = false;
};

void addDataOptions(QCommandLineParser& p);
bool readDataOptions(const QCommandLineParser& p, DataOptions* out, QString* error);
// Loads or generates the data and splits it (synthetic and CSV: 60/20/20, seeded; MNIST: its
// files' split, the training part cut to --samples when given).
bool loadData(const DataOptions& o, DatasetSplit* out, QString* error);
// A model for hypergradient studies: ‖A‖₂ = radius exactly, other blocks Gaussian with
// variance 1/fan-in, all seeded.
ModelParams<double> studyModel(const DataOptions& o, Index inputDim, int classes);

}  // namespace equilab::cli
