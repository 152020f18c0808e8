#include "matrix_table_model.h"

#include <QLocale>

#include <cstdlib>

namespace equilab {

MatrixTableModel::MatrixTableModel(Block block, QObject* parent)
    : QAbstractTableModel(parent), block_(block) {}

void MatrixTableModel::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    if (doc_) connect(doc_, &Document::scenarioChanged, this, &MatrixTableModel::refresh);
    refresh();
}

void MatrixTableModel::refresh() {
    const Matrix next = doc_ ? doc_->blockMatrix(block_) : Matrix();
    if (next.rows() != cache_.rows() || next.cols() != cache_.cols()) {
        beginResetModel();
        cache_ = next;
        endResetModel();
        return;
    }
    if (next == cache_) return;
    cache_ = next;
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int MatrixTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(cache_.rows());
}

int MatrixTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(cache_.cols());
}

QVariant MatrixTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const double v = cache_(index.row(), index.column());
    if (role == Qt::DisplayRole) return QString::number(v, 'g', 6);
    if (role == Qt::EditRole) return QString::number(v, 'g', 17);
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) return QString::number(v, 'g', 17);
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
        error = tr("%1[%2]%3: \"%4\" is not a number; the entry is unchanged")
                    .arg(blockName(block_)).arg(index.row())
                    .arg(cache_.cols() > 1 || block_ == Block::A || block_ == Block::B
                             ? QStringLiteral("[%1]").arg(index.column()) : QString())
                    .arg(text.left(40));
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
    if (role == Qt::DisplayRole) return section;
    return {};
}

}  // namespace equilab
