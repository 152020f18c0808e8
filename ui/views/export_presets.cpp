#include "ui/views/export_presets.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace equilab {

int ExportPreset::canvasWidth() const {
    return static_cast<int>(std::lround(width_in * 72));
}
int ExportPreset::canvasHeight() const {
    return static_cast<int>(std::lround(height_in * 72));
}
// The canvas in whole points, rendered at dpi/72 pixels per point.
int ExportPreset::pixelWidth() const {
    return static_cast<int>(std::lround(canvasWidth() * scale()));
}
int ExportPreset::pixelHeight() const {
    return static_cast<int>(std::lround(canvasHeight() * scale()));
}

int ExportPreset::frameCount() const {
    return std::max(2, static_cast<int>(std::lround(fps * duration_s)));
}

bool ExportPreset::IsValid(QString* error) const {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!(width_in >= 0.5 && width_in <= 40) || !(height_in >= 0.5 && height_in <= 40))
        return fail(QObject::tr("size %1 × %2 in is outside 0.5 to 40 inches")
                        .arg(width_in)
                        .arg(height_in));
    if (dpi < 36 || dpi > 1200)
        return fail(QObject::tr("resolution %1 dpi is outside 36 to 1200").arg(dpi));
    if (pixelWidth() > 20000 || pixelHeight() > 20000)
        return fail(
            QObject::tr("%1 × %2 pixels is above 20000").arg(pixelWidth()).arg(pixelHeight()));
    if (!(font_pt >= 4 && font_pt <= 60))
        return fail(QObject::tr("font size %1 pt is outside 4 to 60").arg(font_pt));
    if (!(line_width >= 0.1 && line_width <= 10))
        return fail(QObject::tr("line width %1 is outside 0.1 to 10").arg(line_width));
    if (fps < 1 || fps > 60)
        return fail(QObject::tr("frame rate %1 is outside 1 to 60 per second").arg(fps));
    if (!(duration_s >= 0.2 && duration_s <= 120))
        return fail(QObject::tr("duration %1 s is outside 0.2 to 120 s").arg(duration_s));
    return true;
}

QList<ExportPreset> exportPresets() {
    return {
        {QStringLiteral("paper-single"), QObject::tr("Paper, single column (3.5 × 2.625 in)"), 3.5,
         2.625, 300, 8, 1.0},
        {QStringLiteral("paper-double"), QObject::tr("Paper, double column (7 × 3.5 in)"), 7.0, 3.5,
         300, 9, 1.2},
        {QStringLiteral("slide"), QObject::tr("Slide 16:9 (1920 × 1080)"), 40.0 / 3.0, 7.5, 144, 20,
         2.0},
    };
}

bool findExportPreset(const QString& name, ExportPreset* out) {
    for (const ExportPreset& p : exportPresets())
        if (p.name == name) {
            *out = p;
            return true;
        }
    return false;
}

QStringList exportPresetNames() {
    QStringList names;
    for (const ExportPreset& p : exportPresets()) names << p.name;
    return names;
}

bool presetFromText(const QString& name, const QString& dpi, const QString& fontPt,
                    const QString& lineWidth, ExportPreset* out, QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!findExportPreset(name, out))
        return fail(QObject::tr("--preset: unknown preset \"%1\" (expected %2)")
                        .arg(name, exportPresetNames().join(", ")));
    bool ok = true;
    if (!dpi.isEmpty() && !((out->dpi = dpi.toInt(&ok)), ok))
        return fail(QObject::tr("--dpi: \"%1\" is not a whole number").arg(dpi));
    if (!fontPt.isEmpty() && !((out->font_pt = fontPt.toDouble(&ok)), ok))
        return fail(QObject::tr("--font-size: \"%1\" is not a number").arg(fontPt));
    if (!lineWidth.isEmpty() && !((out->line_width = lineWidth.toDouble(&ok)), ok))
        return fail(QObject::tr("--line-width: \"%1\" is not a number").arg(lineWidth));
    QString why;
    if (!out->IsValid(&why)) return fail(QStringLiteral("--preset %1: %2").arg(name, why));
    return true;
}

}  // namespace equilab
