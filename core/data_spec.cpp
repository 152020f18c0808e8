#include "data_spec.h"

#include <cmath>
#include <numeric>

#include "model.h"

namespace equilab {

bool loadTrainingData(const DataSpec& o, DatasetSplit* out, std::string* error) {
    std::string why;
    if (o.dataset == "mnist") {
        DatasetSplit s;
        if (!loadMnist(o.data_dir, &s, &why)) {
            if (error) *error = "--dataset mnist: " + why;
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
        if (!readCsvFile(o.dataset.substr(4), co, &all, &why)) {
            if (error) *error = "--dataset: " + why;
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
            if (error) *error = "--dataset: " + why;
            return false;
        }
    }
    *out = splitDataset(all, 0.6, 0.2, o.seed + 99);
    return true;
}

ModelParams<double> studyModel(int hidden, double radius, unsigned seed, Index inputDim, int classes) {
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
