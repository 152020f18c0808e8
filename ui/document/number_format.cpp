#include "ui/document/number_format.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <cstdlib>
#include <vector>

namespace equilab {

QString formatCell(double v) {
    if (v == 0) return QStringLiteral("0");
    if (!std::isfinite(v)) return QString::number(v);
    // The regime follows the value rounded to 4 digits (0.00099996 reads 0.001, not 1e-03).
    const double a = std::abs(QString::number(v, 'e', 3).toDouble());
    QString s;
    if (a >= 1e-3 && a < 1e4) {
        // Fixed notation with 4 significant digits (rounding may carry into a new digit).
        const int exponent = static_cast<int>(std::floor(std::log10(a) + 1e-12));
        const int decimals = std::max(0, 3 - exponent);
        s = QString::number(v, 'f', decimals);
        if (s.contains('.')) {
            while (s.endsWith('0')) s.chop(1);
            if (s.endsWith('.')) s.chop(1);
        }
    } else {
        s = QString::number(v, 'e', 3);  // d.ddde±XX
        const qsizetype e = s.indexOf('e');
        QString mantissa = s.left(e);
        if (mantissa.contains('.')) {
            while (mantissa.endsWith('0')) mantissa.chop(1);
            if (mantissa.endsWith('.')) mantissa.chop(1);
        }
        s = mantissa + s.mid(e);
    }
    if (s.startsWith('-')) s.replace(0, 1, QChar(0x2212));  // a real minus sign
    return s;
}

QString subscript(int k) {
    QString s = QString::number(k);
    for (QChar& c : s) {
        if (c.isDigit())
            c = QChar(0x2080 + c.digitValue());
        else if (c == '-')
            c = QChar(0x208B);
    }
    return s;
}

QString formatFull(double v) {
    return QString::number(v, 'g', 17);
}

QString cellTextWidthSample() {
    return QStringLiteral("\u22128.888e-888");
}

bool parseNumberBlock(const QString& text, Matrix* out, QString* error) {
    static const QRegularExpression separators(QStringLiteral("[\\t,;]|\\s+"));
    std::vector<std::vector<double>> rows;
    const QStringList lines = text.split('\n');
    for (int li = 0; li < lines.size(); ++li) {
        const QString line = lines[li].trimmed();
        if (line.isEmpty() || line.startsWith('#')) continue;
        QStringList cells = line.split(separators, Qt::SkipEmptyParts);
        std::vector<double> row;
        for (int ci = 0; ci < cells.size(); ++ci) {
            QString cell = cells[ci].trimmed();
            cell.replace(QChar(0x2212), '-');
            const QByteArray latin = cell.toLatin1();
            char* end = nullptr;
            const double v = std::strtod(latin.constData(), &end);
            if (latin.isEmpty() || end != latin.constData() + latin.size()) {
                if (error)
                    *error = QObject::tr("line %1, cell %2: \"%3\" is not a number")
                                 .arg(li + 1)
                                 .arg(ci + 1)
                                 .arg(cell.left(40));
                return false;
            }
            row.push_back(v);
        }
        if (!rows.empty() && row.size() != rows.front().size()) {
            if (error)
                *error = QObject::tr("line %1 has %2 cells, the first row %3")
                             .arg(li + 1)
                             .arg(row.size())
                             .arg(rows.front().size());
            return false;
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) {
        if (error) *error = QObject::tr("no numbers in the text");
        return false;
    }
    Matrix m(static_cast<Index>(rows.size()), static_cast<Index>(rows.front().size()));
    for (Index i = 0; i < m.rows(); ++i)
        for (Index j = 0; j < m.cols(); ++j)
            m(i, j) = rows[static_cast<size_t>(i)][static_cast<size_t>(j)];
    *out = m;
    return true;
}

QString formatNumberBlock(const Matrix& m) {
    QStringList lines;
    for (Index i = 0; i < m.rows(); ++i) {
        QStringList cells;
        for (Index j = 0; j < m.cols(); ++j) cells << formatFull(m(i, j));
        lines << cells.join('\t');
    }
    return lines.join('\n') + '\n';
}

}  // namespace equilab
