// A table model over one block of the document (A, B, c, x or w0). Edits go through the
// document's undo stack; a cell that is not a finite number within the limits is refused with a
// message (editRejected) and the document is unchanged.
#pragma once

#include <QAbstractTableModel>

#include "document.h"

namespace equilab {

class MatrixTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    MatrixTableModel(Block block, QObject* parent = nullptr);
    void setDocument(Document* doc);
    Block block() const { return block_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

signals:
    void editRejected(const QString& message);

private:
    void refresh();
    Document* doc_ = nullptr;
    Block block_;
    Matrix cache_;
};

}  // namespace equilab
