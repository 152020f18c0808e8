// A slider for what moves the dynamics besides A: one entry of B, c or x, a row of B, or all of c
// scaled together. Selecting a cell (or a whole row of B, or the whole c column) in the matrix
// tables targets it; the combo and spin boxes do the same by hand.
//
//   entry (B_ij, c_i, x_j)   the slider sets the value, −kEntryRange … kEntryRange
//   row i of B, all of c     the slider sets the 2-norm t, 0.01 … kNormRange; the vector becomes
//                            v₀ · t / ‖v₀‖₂ with v₀ the vector when the drag began (a zero
//                            vector cannot be scaled: the slider is disabled)
//
// One drag is one undo step: every move of a drag sets the target's cells (SetCellsCommand: the
// entry, the row of B or c, before and after) with the same merge id (kDriveSliderFirst +
// the drag's serial, commands.h), so the moves merge and undo restores the cells from before the
// drag exactly; the next drag gets a new id. A step costs what it changes (one entry, or one row),
// never a copy of the scenario. A move without the mouse
// (keys, wheel) is one step of its own. Each move goes through the document, so the views
// re-solve live, as with the A slider.
#pragma once

#include <QWidget>

#include "ui/document/document.h"

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace equilab {

class MatrixEditor;

enum class DriveTargetKind { EntryB, RowB, EntryC, AllC, EntryX };

struct DriveTarget {
    DriveTargetKind kind = DriveTargetKind::EntryC;
    int row = 0;     // B row, c entry (0-based)
    int column = 0;  // B column, x entry (for EntryX the entry is `column`)
    bool operator==(const DriveTarget& o) const {
        return kind == o.kind && row == o.row && column == o.column;
    }
};

class DriveSlider : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kSteps = 300;          // slider positions per side
    static constexpr double kEntryRange = 3.0;  // entries: −3 … 3 in steps of 0.01
    static constexpr double kNormRange = 3.0;   // norms: 0.01 … 3 in steps of 0.01

    explicit DriveSlider(QWidget* parent = nullptr);
    void setDocument(Document* doc);
    // Cell selections in the editor's B, c and x tables choose the target.
    void followSelection(MatrixEditor* editor);

    DriveTarget target() const { return target_; }
    void setTarget(const DriveTarget& t);
    QSlider* slider() const { return slider_; }
    QComboBox* kindCombo() const { return kind_; }
    // The slider's value for position pos: an entry's value or a norm, as described above.
    double valueAt(int pos) const;
    bool isNormTarget() const;

  private:
    void sync();
    void controlsEdited();
    void moved(int pos);
    double currentValue() const;  // the target's value (entry) or norm now
    Document* doc_ = nullptr;
    DriveTarget target_;
    Matrix dragStart_;  // the target's values when the drag began (entry, row of B or c)
    Matrix targetValues() const;
    bool dragging_ = false;
    int serial_ = 0;
    QComboBox* kind_;
    QSpinBox* row_;
    QSpinBox* column_;
    QSlider* slider_;
    QLabel* value_;
};

}  // namespace equilab
