// The verdict and certificate as a wrapping line above the views, in the window and in
// presentation mode: two lines always, the whole text when the window has room, and the whole
// text in its tooltip (the status bar's one line elides it). It follows the status
// bar's certificate label, which stays the single place the window writes the verdict to.
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
    // Two lines at least; it asks for its whole text wrapped at its width.
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return false; }

  protected:
    void resizeEvent(QResizeEvent* e) override;
};

}  // namespace equilab
