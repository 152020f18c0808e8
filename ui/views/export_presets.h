// Figure presets for papers and slides: the physical size, resolution, type size and line
// width of an exported plot. A figure is laid out on a canvas of width × height points (1/72
// in) with fonts of font_pt points, so text and lines keep their size in the document whatever
// the resolution; PNG renders it at dpi, PDF and SVG keep it vector.
#pragma once

#include <QList>
#include <QString>

namespace equilab {

struct ExportPreset {
    QString name;   // "paper-single", "paper-double", "slide"
    QString title;  // for menus
    double width_in = 3.5;
    double height_in = 2.6;
    int dpi = 300;
    double font_pt = 8;
    double line_width = 1.0;  // multiplies each series' own width
    // Recorded animations (ui/record/): frames per second and length; the frames are the PNG's
    // pixels (pixelWidth() × pixelHeight()).
    int fps = 25;
    double duration_s = 6;

    int frameCount() const;  // round(fps × duration), at least 2

    int canvasWidth() const;  // points
    int canvasHeight() const;
    int pixelWidth() const;  // at dpi (PNG): the canvas × dpi/72, rounded
    int pixelHeight() const;
    double scale() const { return dpi / 72.0; }
    // Ranges: 0.5–40 in, 36–1200 dpi, 4–60 pt, 0.1–10 for the line width, 1–60 frames per
    // second, 0.2–120 s.
    bool IsValid(QString* error) const;
};

// paper-single (3.5 × 2.625 in, 4:3), paper-double (7 × 3.5 in), slide (16:9, 13.33 × 7.5 in).
QList<ExportPreset> exportPresets();
bool findExportPreset(const QString& name, ExportPreset* out);
QStringList exportPresetNames();
// A named preset with optional overrides (empty strings keep the preset's values), as the
// command line gives them; *error names the bad value.
bool presetFromText(const QString& name, const QString& dpi, const QString& fontPt,
                    const QString& lineWidth, ExportPreset* out, QString* error);

}  // namespace equilab
