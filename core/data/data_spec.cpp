#include "core/data/data_spec.h"

#include <cfloat>
#include <cmath>
#include <numeric>

#include "core/internal/work_guard.h"
#include "core/model/model.h"

namespace equilab {

namespace {

// float32 training: every feature must be representable (|x| ≤ FLT_MAX).
bool checkFloat32Range(const Dataset& d, const char* split, std::string* why) {
    for (Index i = 0; i < d.size(); ++i)
        for (Index j = 0; j < d.features(); ++j)
            if (std::fabs(d.X(j, i)) > FLT_MAX) {
                *why = "the " + std::string(split) + " split has feature " + std::to_string(j) +
                       " of sample " + std::to_string(i) +
                       " outside the float32 range (±3.4e38); use --dtype float64";
                return false;
            }
    return true;
}

}  // namespace

bool loadTrainingData(const DataSpec& o, DatasetSplit* out, std::string* error) {
    assertNotGuiThread(HeavyWork::DatasetLoad, o.samples);
    DatasetSplit s;
    std::string why;
    if (!loadUnchecked(o, &s, &why) || !validateSplit(s, &why) ||
        (o.float32 && !(checkFloat32Range(s.train, "training", &why) &&
                        checkFloat32Range(s.validation, "validation", &why) &&
                        checkFloat32Range(s.test, "test", &why)))) {
        if (error) *error = "--dataset: " + why;
        return false;
    }
    *out = std::move(s);
    return true;
}

bool loadUnchecked(const DataSpec& o, DatasetSplit* out, std::string* error) {
    std::string why;
    if (o.regression && o.dataset.rfind("csv:", 0) != 0) {
        if (error)
            *error =
                "regression needs a CSV dataset (csv:PATH) whose label column holds the targets";
        return false;
    }
    if (o.dataset == "mnist") {
        DatasetSplit s;
        if (!loadMnist(o.data_dir, &s, &why)) {
            if (error) *error = why;
            return false;
        }
        if (o.samples_set && o.samples < s.train.size()) {
            std::vector<Index> first(static_cast<size_t>(o.samples));
            std::iota(first.begin(), first.end(), Index(0));
            s.train = s.train.subset(first);
        }
        *out = std::move(s);
        return true;
    }
    Dataset all;
    if (o.dataset.rfind("csv:", 0) == 0) {
        CsvOptions co;
        co.label_column = o.label_column;
        co.header = o.csv_header;
        co.regression = o.regression;
        co.float32 = o.float32;
        co.max_file_bytes = o.max_file_bytes;
        if (!readCsvFile(o.dataset.substr(4), co, &all, &why)) {
            if (error) *error = why;
            return false;
        }
    } else {
        SyntheticOptions so;
        so.kind = o.dataset;
        so.samples = o.samples;
        so.noise = o.noise;
        so.classes = o.classes;
        so.seed = o.seed;
        if (!makeSynthetic(so, &all, &why)) {
            if (error) *error = why;
            return false;
        }
    }
    const std::string note = all.note;
    *out = splitDataset(all, 0.6, 0.2, o.seed + 99);
    out->train.note = note;
    return true;
}

ModelParams<double> studyModel(int hidden, double radius, unsigned seed, Index inputDim,
                               int classes) {
    const Index n = hidden;
    ModelParams<double> p;
    p.A = randomMatrixWithNorm(n, radius, seed + 1);
    p.B = randomGaussian(n, inputDim, 1.0 / std::sqrt(double(inputDim)), seed + 2);
    p.c = randomGaussian(n, 1, 0.1, seed + 3);
    p.Wout = randomGaussian(classes, n, 1.0 / std::sqrt(double(n)), seed + 4);
    p.bout = Vector::Zero(classes);
    return p;
}

}  // namespace equilab
