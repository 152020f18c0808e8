// What to train on, as the CLI and the GUI both name it, and how it is loaded and split:
// synthetic sets and CSV files are split 60/20/20 with a seeded shuffle; MNIST keeps its files'
// split, with the training part cut to `samples` when that is set.
#pragma once

#include <string>

#include "core/data/dataset.h"
#include "core/training/hypergradient.h"

namespace equilab {

struct DataSpec {
    std::string dataset = "moons";  // moons, circles, spirals, xor, blobs, mnist or csv:PATH
    int samples = 400;
    bool samples_set = false;  // mnist: cut the training set only when set
    double noise = 0.1;
    int classes = 2;
    std::string data_dir = "data/mnist";
    std::string label_column;  // csv
    unsigned seed = 0;
    int csv_header = -1;      // csv: 1 yes, 0 no, -1 auto
    bool regression = false;  // csv: real-valued targets in the label column
    bool float32 = false;     // refuse values outside the float32 range when loading
    uint64_t max_file_bytes = kDefaultMaxDatasetFileBytes;  // csv and IDX files
};

// Loads or generates, splits, and validates the whole split (validateSplit): what it returns is
// safe to train on.
bool loadTrainingData(const DataSpec& spec, DatasetSplit* out, std::string* error);
// The same without the checks (for tests of the checks).
bool loadUnchecked(const DataSpec& spec, DatasetSplit* out, std::string* error);

// A model for hypergradient studies: ‖A‖₂ = radius exactly, the other blocks Gaussian with
// variance 1/fan-in, b_out = 0; all seeded.
ModelParams<double> studyModel(int hidden, double radius, unsigned seed, Index inputDim,
                               int classes);

}  // namespace equilab
