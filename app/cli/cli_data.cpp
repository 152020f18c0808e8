#include "cli_data.h"

#include <cmath>

#include "cli_common.h"
#include "model.h"

namespace equilab::cli {

void addDataOptions(QCommandLineParser& p) {
    p.addOption({"dataset", "moons, circles, spirals, xor, blobs, mnist or csv:PATH (default moons).", "name"});
    p.addOption({"samples", "Synthetic: number of points; mnist: training images used.", "N"});
    p.addOption({"noise", "Synthetic noise (default 0.1).", "S"});
    p.addOption({"classes", "Classes of spirals and blobs (default 2).", "C"});
    p.addOption({"data-dir", "Folder of the MNIST IDX files (default data/mnist).", "dir"});
    p.addOption({"label-column", "CSV label column: header name or 0-based index (default last).", "col"});
    p.addOption({"hidden", "Hidden size n (default 20).", "n"});
    p.addOption({"radius", "Radius r of the spectral constraint on A (default 0.9).", "R"});
    p.addOption({"seed", "Random seed (default 0).", "S"});
}

bool readDataOptions(const QCommandLineParser& p, DataOptions* o, QString* error) {
    if (p.isSet("dataset")) o->dataset = p.value("dataset");
    o->samplesSet = p.isSet("samples");
    if (p.isSet("data-dir")) o->dataDir = p.value("data-dir");
    if (p.isSet("label-column")) o->labelColumn = p.value("label-column");
    return optionInt(p, "samples", 4, 10000000, &o->samples, error) &&
           optionDouble(p, "noise", 0.0, 10.0, &o->noise, error) &&
           optionInt(p, "classes", 2, 10, &o->classes, error) &&
           optionInt(p, "hidden", 1, 4096, &o->hidden, error) &&
           optionDouble(p, "radius", 1e-6, 100.0, &o->radius, error) &&
           optionInt(p, "seed", 0, 2147483647, &o->seed, error);
}

bool loadData(const DataOptions& o, DatasetSplit* out, QString* error) {
    std::string why;
    if (o.dataset == "mnist") {
        if (!loadMnist(o.dataDir.toStdString(), out, &why)) {
            *error = "--dataset mnist: " + QString::fromStdString(why);
            return false;
        }
        if (o.samplesSet && o.samples < out->train.size()) {
            std::vector<Index> first(static_cast<size_t>(o.samples));
            for (Index i = 0; i < o.samples; ++i) first[static_cast<size_t>(i)] = i;
            out->train = out->train.subset(first);
        }
        return true;
    }
    Dataset all;
    if (o.dataset.startsWith("csv:")) {
        CsvOptions co;
        co.label_column = o.labelColumn.toStdString();
        if (!readCsvFile(o.dataset.mid(4).toStdString(), co, &all, &why)) {
            *error = "--dataset: " + QString::fromStdString(why);
            return false;
        }
    } else {
        SyntheticOptions so;
        so.kind = o.dataset.toStdString();
        so.samples = o.samples;
        so.noise = o.noise;
        so.classes = o.classes;
        so.seed = static_cast<unsigned>(o.seed);
        if (!makeSynthetic(so, &all, &why)) {
            *error = "--dataset: " + QString::fromStdString(why);
            return false;
        }
    }
    *out = splitDataset(all, 0.6, 0.2, static_cast<unsigned>(o.seed) + 99);
    return true;
}

ModelParams<double> studyModel(const DataOptions& o, Index inputDim, int classes) {
    const unsigned s = static_cast<unsigned>(o.seed);
    const Index n = o.hidden;
    ModelParams<double> p;
    p.A = randomMatrixWithNorm(n, o.radius, s + 1);
    p.B = randomGaussian(n, inputDim, 1.0 / std::sqrt(double(inputDim)), s + 2);
    p.c = randomGaussian(n, 1, 0.1, s + 3);
    p.Wout = randomGaussian(classes, n, 1.0 / std::sqrt(double(n)), s + 4);
    p.bout = Vector::Zero(classes);
    return p;
}

}  // namespace equilab::cli
