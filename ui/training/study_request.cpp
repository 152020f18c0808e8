#include "ui/training/study_request.h"

#include <algorithm>

#include "core/data/dataset.h"

namespace equilab {

bool StudyRequest::prepare(bool classificationOnly) {
    if (!study) return true;
    DatasetSplit split;
    if (!loadTrainingData(data, &split, nullptr) || split.train.size() == 0 ||
        (classificationOnly && split.train.regression))
        return false;
    const Index n = std::min<Index>(max_samples, split.train.size());
    params = studyModel(hidden, radius, seed, split.train.features(), split.train.classes);
    X = split.train.X.leftCols(n);
    targets.labels = split.train.labels.head(n);
    return true;
}

}  // namespace equilab
