// How numbers are shown and exchanged as text in the UI's tables.
//
// Cells show 4 significant digits in a form that is never cut off silently: plain decimals for
// 1e-3 ≤ |v| < 1e4, scientific otherwise (−8.007e-05), always short enough for the column
// width the table reserves (cellTextWidthSample()). Tooltips and the editor show the full
// value (17 significant digits). Blocks of numbers are read from spreadsheet or numpy.savetxt
// text (tabs, commas, semicolons or spaces between cells; '#' comment lines skipped) and
// written as tab-separated text with full precision.
#pragma once

#include <QString>

#include "core/model/types.h"

namespace equilab {

QString formatCell(double v);   // 4 significant digits, see above
QString formatFull(double v);   // 17 significant digits, round-trips exactly
QString cellTextWidthSample();  // the widest text formatCell produces

// Unicode subscript digits: 12 → "₁₂" (for w₁₂ in labels and messages).
QString subscript(int k);

// Parses a block of numbers. On failure *error names the line and cell (1-based) and why.
bool parseNumberBlock(const QString& text, Matrix* out, QString* error);
// Rows separated by newlines, cells by tabs, full precision.
QString formatNumberBlock(const Matrix& m);

}  // namespace equilab
