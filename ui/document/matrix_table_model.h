// A table model over one block of the document (A, B, c, x or w0). It keeps no copy: cells are
// read from the document, and the document's cellsChanged names the cells to repaint (a reset
// only when the shape changes). Edits go through the
// document's undo stack; a cell that is not a finite number within the limits is refused with a
// message (editRejected) and the document is unchanged. Cells show 4 significant digits
// (number_format.h), tooltips and the editor the full value; rows and columns count from 1.
#pragma once

#include <QAbstractTableModel>

#include "ui/document/document.h"

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

    // "A[2][1]": the UI's 1-based name of a cell.
    QString cellName(int row, int col) const;
    // Pastes a block of numbers (spreadsheet or numpy.savetxt text) with its top-left at
    // (row, col), as one undo step; a block that does not parse, does not fit or has an entry
    // out of limits is refused with a message (editRejected) and nothing changes.
    bool pasteText(int row, int col, const QString& text, QString* error = nullptr);
    // The bounding block of the cells as tab-separated text with full precision.
    QString copyText(const QModelIndexList& cells) const;

  signals:
    void editRejected(const QString& message);

  private:
    void reshape();
    void onCellsChanged(Block block, const QRect& cells);
    Document* doc_ = nullptr;
    Block block_;
    int rows_ = 0, cols_ = 0;  // the shape the view was last told
};

}  // namespace equilab
