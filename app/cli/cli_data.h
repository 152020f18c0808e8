// Options shared by the training commands (hypergrad, hypergrad-sweep, train):
//   --dataset moons|circles|spirals|xor|blobs|mnist|csv:PATH   --samples N --noise S --classes C
//   --data-dir DIR (mnist) --label-column COL (csv) --hidden H --radius R --seed S
//   --header yes|no|auto (csv) --task classification|regression (csv) --max-file-size MB
//   --max-memory MB (default: half the machine's RAM)
#pragma once

#include <QCommandLineParser>

#include "core/data/data_spec.h"
#include "core/internal/memory_estimate.h"

namespace equilab::cli {

struct DataOptions {
    DataSpec spec;
    int hidden = 20;
    double radius = 0.9;
    int seed = 0;
    uint64_t max_memory = defaultMemoryLimit();  // bytes
};

void addDataOptions(QCommandLineParser& p);
bool readDataOptions(const QCommandLineParser& p, DataOptions* out, QString* error);
// Refuses an MNIST folder whose IDX headers promise more than limit bytes, before reading it.
bool checkDataMemory(const DataSpec& spec, uint64_t limit, QString* error);
// Loads or generates the data (core's loadTrainingData), after checkDataMemory.
bool loadData(const DataOptions& o, DatasetSplit* out, QString* error);
// The memory limit check, with the estimate in the message.
bool checkMemoryLimit(const DataOptions& o, const MemoryEstimate& e, const QString& what,
                      QString* error);
// Prints what the loader decided (e.g. CSV header detection) on stderr, unless quiet.
void reportDataNote(const DatasetSplit& data, bool quiet);

}  // namespace equilab::cli
