#include "ui/document/matrix_table_model.h"

#include <QLocale>

#include <cmath>
#include <cstdlib>

#include "ui/document/number_format.h"

namespace equilab {

MatrixTableModel::MatrixTableModel(Block block, QObject* parent)
    : QAbstractTableModel(parent), block_(block) {}

void MatrixTableModel::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    if (doc_) {
        connect(doc_, &Document::cellsChanged, this, &MatrixTableModel::onCellsChanged);
        connect(doc_, &Document::dimensionsChanged, this, &MatrixTableModel::reshape);
        connect(doc_, &Document::scenarioReset, this, &MatrixTableModel::reshape);
    }
    reshape();
}

void MatrixTableModel::reshape() {
    beginResetModel();
    rows_ = doc_ ? doc_->blockRows(block_) : 0;
    cols_ = doc_ ? doc_->blockCols(block_) : 0;
    endResetModel();
}

void MatrixTableModel::onCellsChanged(Block block, const QRect& cells) {
    if (block != block_ || cells.isEmpty()) return;
    if (doc_->blockRows(block_) != rows_ || doc_->blockCols(block_) != cols_) return reshape();
    emit dataChanged(index(cells.top(), cells.left()), index(cells.bottom(), cells.right()));
}

int MatrixTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows_;
}

int MatrixTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : cols_;
}

QVariant MatrixTableModel::data(const QModelIndex& index, int role) const {
    if (!doc_ || !index.isValid() || index.row() >= rows_ || index.column() >= cols_) return {};
    const double v = doc_->entry(block_, index.row(), index.column());
    if (role == Qt::DisplayRole) return formatCell(v);
    if (role == Qt::EditRole) return formatFull(v);
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1 = %2").arg(cellName(index.row(), index.column()), formatFull(v));
    return {};
}

bool MatrixTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!doc_ || !index.isValid() || role != Qt::EditRole) return false;
    const QString text = value.toString().trimmed();
    // strtod also accepts inf, nan and overflowing numbers (as ±inf), which the document then
    // refuses as non-finite with that reason; anything else unparsable is "not a number".
    const QByteArray latin = text.toLatin1();
    char* end = nullptr;
    double v = latin.isEmpty() ? 0.0 : std::strtod(latin.constData(), &end);
    bool ok = !latin.isEmpty() && end == latin.constData() + latin.size();
    if (!ok) v = QLocale().toDouble(text, &ok);
    QString error;
    if (!ok) {
        error = tr("%1: \"%2\" is not a number; the entry is unchanged")
                    .arg(cellName(index.row(), index.column()), text.left(40));
        emit editRejected(error);
        return false;
    }
    if (!doc_->setEntry(block_, index.row(), index.column(), v, &error)) {
        emit editRejected(error);
        return false;
    }
    return true;
}

Qt::ItemFlags MatrixTableModel::flags(const QModelIndex& index) const {
    return QAbstractTableModel::flags(index) | Qt::ItemIsEditable;
}

QVariant MatrixTableModel::headerData(int section, Qt::Orientation, int role) const {
    if (role == Qt::DisplayRole) return section + 1;  // 1-based, like every index in the UI
    return {};
}

QString MatrixTableModel::cellName(int row, int col) const {
    const bool matrix = block_ == Block::A || block_ == Block::B;
    return blockName(block_) + QStringLiteral("[%1]").arg(row + 1) +
           (matrix ? QStringLiteral("[%1]").arg(col + 1) : QString());
}

bool MatrixTableModel::pasteText(int row, int col, const QString& text, QString* error) {
    Matrix m;
    QString why;
    auto fail = [&](const QString& message) {
        if (error) *error = message;
        emit editRejected(message);
        return false;
    };
    if (!doc_) return fail(tr("Paste: no document"));
    if (!parseNumberBlock(text, &m, &why))
        return fail(tr("Paste into %1: %2; nothing changed").arg(blockName(block_), why));
    // One pasted row into a column vector (c, x, w0) goes down the column.
    if (cols_ == 1 && m.rows() == 1 && m.cols() > 1) m.transposeInPlace();
    if (row + m.rows() > rows_ || col + m.cols() > cols_)
        return fail(
            tr("Paste into %1: a %2×%3 block does not fit at %4 (%1 is %5×%6); nothing changed")
                .arg(blockName(block_))
                .arg(m.rows())
                .arg(m.cols())
                .arg(cellName(row, col))
                .arg(rows_)
                .arg(cols_));
    for (Index i = 0; i < m.rows(); ++i)
        for (Index j = 0; j < m.cols(); ++j) {
            const double v = m(i, j);
            if (!std::isfinite(v) || std::abs(v) > kMaxEntryMagnitude)
                return fail(tr("Paste into %1: %2 = %3 is %4; nothing changed")
                                .arg(blockName(block_), cellName(row + int(i), col + int(j)),
                                     formatFull(v),
                                     std::isfinite(v) ? tr("above the limit of 1e6")
                                                      : tr("not a finite number")));
        }
    doc_->setCells(block_, row, col, m,
                   tr("Paste %1×%2 into %3").arg(m.rows()).arg(m.cols()).arg(blockName(block_)));
    return true;
}

QString MatrixTableModel::copyText(const QModelIndexList& cells) const {
    if (cells.isEmpty()) return {};
    int r0 = cells.first().row(), r1 = r0, c0 = cells.first().column(), c1 = c0;
    for (const QModelIndex& i : cells) {
        r0 = std::min(r0, i.row()), r1 = std::max(r1, i.row());
        c0 = std::min(c0, i.column()), c1 = std::max(c1, i.column());
    }
    Matrix block(r1 - r0 + 1, c1 - c0 + 1);
    for (int i = r0; i <= r1; ++i)
        for (int j = c0; j <= c1; ++j) block(i - r0, j - c0) = doc_->entry(block_, i, j);
    return formatNumberBlock(block);
}

}  // namespace equilab
