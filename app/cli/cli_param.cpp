#include "app/cli/cli_param.h"

#include <QRegularExpression>

#include <cmath>

#include "app/cli/cli_common.h"

namespace equilab::cli {

void addParamOptions(QCommandLineParser& parser) {
    parser.addOption({"param",
                      "The parameter: scale (A ← p·A), drive (B x + c ← p·(B x + c)), c[i] or "
                      "x[i] (entry i, counted from 1). Default: scale.",
                      "P"});
    parser.addOption({"from", "Lower end of the parameter range (default: its value − 1).", "A"});
    parser.addOption({"to", "Upper end of the parameter range (default: its value + 1).", "B"});
}

bool readParamOptions(const QCommandLineParser& p, const Scenario& s, ParamRange* out,
                      QString* error) {
    ParamRange r;
    r.name = p.isSet("param") ? p.value("param") : QStringLiteral("scale");
    if (r.name == "scale") {
        r.parameter = OrbitParameter::ScaleA;
    } else if (r.name == "drive") {
        r.parameter = OrbitParameter::DriveScale;
    } else {
        static const QRegularExpression entry(QStringLiteral("^([cx])\\[(\\d{1,6})\\]$"));
        const QRegularExpressionMatch m = entry.match(r.name);
        if (!m.hasMatch()) {
            *error = "--param: unknown parameter \"" + r.name +
                     "\" (expected scale, drive, c[i] or x[i], i from 1)";
            return false;
        }
        const bool isC = m.captured(1) == "c";
        const int i = m.captured(2).toInt();
        const int size = static_cast<int>(isC ? s.hiddenDim() : s.inputDim());
        if (i == 0) {
            *error = QStringLiteral(
                         "--param: entries count from 1, like the window: the first "
                         "is %1[1]")
                         .arg(m.captured(1));
            return false;
        }
        if (i > size) {
            *error = QStringLiteral("--param: %1 has %2 entries (1 to %2), not %3")
                         .arg(m.captured(1))
                         .arg(size)
                         .arg(i);
            return false;
        }
        r.parameter = isC ? OrbitParameter::EntryC : OrbitParameter::EntryX;
        r.index = i - 1;
    }
    switch (r.parameter) {
        case OrbitParameter::ScaleA:
        case OrbitParameter::DriveScale:
            r.p0 = 1;
            break;
        case OrbitParameter::EntryC:
            r.p0 = s.model.c(r.index);
            break;
        case OrbitParameter::EntryX:
            r.p0 = s.x(r.index);
            break;
    }
    r.from = r.p0 - 1;
    r.to = r.p0 + 1;
    if (!optionDouble(p, "from", -1e6, 1e6, &r.from, error) ||
        !optionDouble(p, "to", -1e6, 1e6, &r.to, error))
        return false;
    if (!(r.from < r.to)) {
        *error = QStringLiteral("--from %1 --to %2: need from < to").arg(r.from).arg(r.to);
        return false;
    }
    *out = r;
    return true;
}

}  // namespace equilab::cli
