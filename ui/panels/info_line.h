// The verdict and certificate as a wrapping line above the views: the whole text at any window
// width and in presentation mode (the status bar's one line elides it). It follows the status
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
};

}  // namespace equilab
