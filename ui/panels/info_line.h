// The verdict and certificate as a wrapping line above the views, in the window and in
// presentation mode: as many rows as the whole text needs at the line's width (lesson texts point
// to its tail, "w* = 0 exists but is unstable"), so nothing of it is only in the tooltip. It
// follows the status bar's certificate label, which stays the single place the window writes
// the verdict to (that one line elides it).
#pragma once

#include <QLabel>

class QMainWindow;

namespace equilab {

class ElidedLabel;

class InfoLine : public QLabel {
    Q_OBJECT
  public:
    explicit InfoLine(QWidget* parent = nullptr);
    // Puts an info line above window's central widget, showing source's text as it changes.
    static InfoLine* install(QMainWindow* window, ElidedLabel* source);
    // The whole text wrapped at the line's width (at most a third of the window's height, a
    // bound for pathological texts only: every verdict fits far below it).
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return false; }

  protected:
    void resizeEvent(QResizeEvent* e) override;

  private:
    int wrappedHeight() const;
    int lastWidth_ = -1;
};

}  // namespace equilab
