#include "cli_data.h"

#include "cli_common.h"

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
    DataSpec& d = o->spec;
    if (p.isSet("dataset")) d.dataset = p.value("dataset").toStdString();
    d.samples_set = p.isSet("samples");
    if (p.isSet("data-dir")) d.data_dir = p.value("data-dir").toStdString();
    if (p.isSet("label-column")) d.label_column = p.value("label-column").toStdString();
    if (!(optionInt(p, "samples", 4, 10000000, &d.samples, error) &&
          optionDouble(p, "noise", 0.0, 10.0, &d.noise, error) &&
          optionInt(p, "classes", 2, 10, &d.classes, error) &&
          optionInt(p, "hidden", 1, 4096, &o->hidden, error) &&
          optionDouble(p, "radius", 1e-6, 100.0, &o->radius, error) &&
          optionInt(p, "seed", 0, 2147483647, &o->seed, error)))
        return false;
    d.seed = static_cast<unsigned>(o->seed);
    return true;
}

bool loadData(const DataOptions& o, DatasetSplit* out, QString* error) {
    std::string why;
    if (loadTrainingData(o.spec, out, &why)) return true;
    *error = QString::fromStdString(why);
    return false;
}

}  // namespace equilab::cli
