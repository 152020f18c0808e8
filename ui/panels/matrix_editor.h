// Editors for the blocks A, B, c, x and w0: each a table beside a heatmap, in tabs.
#pragma once

#include <QTabWidget>

#include "ui/document/document.h"

class QTableView;

namespace equilab {

class MatrixTableModel;
class PlotView;
class QCPColorMapHolder;

class MatrixEditor : public QTabWidget {
    Q_OBJECT
  public:
    explicit MatrixEditor(QWidget* parent = nullptr);
    void setDocument(Document* doc);
    MatrixTableModel* model(Block b) const;
    QTableView* table(Block b) const;

    // Ctrl+C / Ctrl+V on a table (also in its context menu).
    void copySelection(QTableView* table);
    void pasteInto(QTableView* table);

  signals:
    void editRejected(const QString& message);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void fitColumns();
    void refreshHeatmaps();
    void updateHeatmap(Block block, const QRect& cells);
    static constexpr int kMaxHeatmapCells = 250;
    Document* doc_ = nullptr;
    struct Page {
        Block block;
        MatrixTableModel* model;
        QTableView* table;
        PlotView* heatmap;
    };
    std::vector<Page> pages_;
};

}  // namespace equilab
