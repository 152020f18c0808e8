#include "core/data/dataset.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace equilab {

Dataset Dataset::subset(const std::vector<Index>& columns) const {
    Dataset d;
    d.name = name;
    d.classes = classes;
    d.image_width = image_width;
    d.regression = regression;
    if (regression) d.targets.resize(targets.rows(), static_cast<Index>(columns.size()));
    d.X.resize(X.rows(), static_cast<Index>(columns.size()));
    d.labels.resize(static_cast<Index>(columns.size()));
    d.rows.resize(columns.size());
    for (size_t j = 0; j < columns.size(); ++j) {
        d.rows[j] = row(columns[j]);
        d.X.col(static_cast<Index>(j)) = X.col(columns[j]);
        d.labels(static_cast<Index>(j)) = labels(columns[j]);
        if (regression) d.targets.col(static_cast<Index>(j)) = targets.col(columns[j]);
    }
    return d;
}

DatasetSplit splitDataset(const Dataset& all, double train_fraction, double validation_fraction,
                          unsigned seed) {
    std::vector<Index> order(static_cast<size_t>(all.size()));
    std::iota(order.begin(), order.end(), Index(0));
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    const size_t n = order.size();
    const size_t nTrain = static_cast<size_t>(train_fraction * n + 0.5);
    const size_t nVal = std::min(n - nTrain, static_cast<size_t>(validation_fraction * n + 0.5));
    DatasetSplit s;
    s.train = all.subset({order.begin(), order.begin() + nTrain});
    s.validation = all.subset({order.begin() + nTrain, order.begin() + nTrain + nVal});
    s.test = all.subset({order.begin() + nTrain + nVal, order.end()});
    return s;
}

}  // namespace equilab
